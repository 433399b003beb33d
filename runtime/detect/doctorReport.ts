/**
 * The text of `pinseq doctor`: the board and chip, each backend and why it is or is not
 * usable with the fix, and what `auto` would pick.
 */
import { detectBoard, type BoardInfo } from './board.js';
import { systemAccess, type MachineAccess } from './machineAccess.js';
import { pickAutoBackend, type AutoChoice, type BackendProbe } from './probe.js';

/** Everything doctor found, as data (for `--json`) and as text. */
export interface DoctorReport {
  readonly board: BoardInfo;
  readonly probes: readonly BackendProbe[];
  readonly auto: AutoChoice['spec'];
  readonly text: string;
}

/** Looks at the machine (default: this process on `/`) and writes the report. */
export function doctor(machine: MachineAccess | string = '/'): DoctorReport {
  const m = typeof machine === 'string' ? systemAccess(machine) : machine;
  const board = detectBoard(m.root);
  const choice = pickAutoBackend(m, board);
  return { board, probes: choice.probes, auto: choice.spec, text: formatDoctorReport(board, choice) };
}

/** Formats the report: a board section, one line per backend (with its fix indented below), and auto's pick. */
export function formatDoctorReport(board: BoardInfo, choice: AutoChoice): string {
  const lines: string[] = [];
  lines.push(`board    ${board.model ?? 'unknown (no /proc/device-tree/model)'}`);
  const address = board.gpioPhysicalBase === undefined ? '' : `, GPIO block at 0x${board.gpioPhysicalBase.toString(16)} (device tree)`;
  lines.push(`chip     ${board.chip ?? 'unknown'}${address}`);
  if (board.revision !== undefined) lines.push(`revision ${board.revision}`);
  lines.push('', 'backends');
  const width = Math.max(...choice.probes.map((p) => p.name.length));
  for (const probe of choice.probes) {
    lines.push(`  ${probe.usable ? 'yes' : 'no '}  ${probe.name.padEnd(width)}  ${probe.reason}`);
    if (probe.fix !== undefined) lines.push(`       ${' '.repeat(width)}  fix: ${probe.fix}`);
  }
  lines.push('', `auto     ${describeSpec(choice.spec)}`);
  return `${lines.join('\n')}\n`;
}

function describeSpec(spec: AutoChoice['spec']): string {
  switch (spec.kind) {
    case 'chardev':
      return `chardev (${spec.path})`;
    case 'devmem':
      return spec.base === undefined ? 'devmem' : `devmem (0x${spec.base.toString(16)})`;
    case 'sim':
      return 'sim (no GPIO hardware usable)';
    default:
      return spec.kind;
  }
}
