/**
 * The readable assembly form of a compiled program, for `pinseq compile --emit program`:
 * one op per line with its pc, register names from the chip layout (GPSET0, GPFSEL1,
 * GPIO_PUP_PDN_CNTRL_REG0 …), loop and jump targets as pcs, durations as people write
 * them, and a comment saying what the op does to which pins and where it came from.
 *
 * ```
 * ; pinseq program v1 for bcm2711, 4096-byte window
 * ; pins 7..11 (bar); outputs 7..11; inputs none
 * 0000  RMW         GPFSEL0 clear 0x3fe00000 set 0x09200000     ; out 7..9 (bar)  (bar.gpio:7:5)
 * 0004  RMW         GPFSEL1 clear 0x0000003f set 0x00000009     ; out 10,11 (bar)  (bar.gpio:7:5)
 * 0008  COMMIT
 * 0009  LOOP        5 times exit 0026                           ; (bar.gpio:8:1)
 * 0012  WRITE       GPSET0 = 0x00000f80                         ; set 7..11 (bar)  (bar.gpio:9:7)
 * ```
 */
import { Op, OP_LENGTH, OP_NAMES, type Program, type ProgramSpan, type RegisterLayout } from '../../runtime/program/program.js';
import { getChip } from '../chips/index.js';
import { formatDuration } from './formatDuration.js';
import { formatPinList } from './formatPinList.js';

/** Column where the `;` comment of an op line starts. */
const COMMENT_COLUMN = 62;

/** Renders `p` as assembly text, one line per op, ending with a newline. Never throws, even when `code` is malformed. */
export function printProgram(p: Program): string {
  const printer = new ProgramPrinter(p);
  const lines = [
    `; pinseq program v${p.version} for ${p.chip}, ${p.layout.windowBytes}-byte window`,
    `; pins ${printer.pins(p.pins) || 'none'}; outputs ${formatPinList(p.outputs) || 'none'}; inputs ${formatPinList(p.inputs) || 'none'}`,
  ];
  const params = Object.entries(p.params);
  if (params.length > 0) lines.push(`; params ${params.map(([name, value]) => `${name} = ${value}`).join(', ')}`);
  if (p.restore.length > 0) {
    lines.push(`; restores at exit ${p.restore.map((r) => `${printer.register(r.offset)} & ${hex8(r.mask)}`).join(', ')}`);
  }
  let pc = 0;
  while (pc < p.code.length) {
    if (pc === p.exitEntry) lines.push('; on exit');
    const op = p.code[pc]!;
    const length = Number.isInteger(op) ? OP_LENGTH[op] : undefined;
    if (length === undefined) {
      lines.push(`${printer.pc(pc)}  .data       ${op}`);
      pc++;
      continue;
    }
    lines.push(printer.line(pc, op));
    pc += length;
  }
  return lines.join('\n') + '\n';
}

/** Formatting state for one program: its register names and pin names. */
class ProgramPrinter {
  private readonly names: ReadonlyMap<number, string>;
  private readonly altCodes: readonly number[];

  constructor(private readonly p: Program) {
    this.names = registerNames(p.layout);
    this.altCodes = getChip(p.chip)?.altCodes ?? [];
  }

  /** The op at `pc` as one line: pc, mnemonic, operands, and a comment. */
  line(pc: number, op: number): string {
    const at = (k: number): number => this.p.code[pc + k] ?? NaN;
    const [operands, what] = this.decode(op, at);
    const text = `${this.pc(pc)}  ${OP_NAMES[op]!.padEnd(11)} ${operands}`.trimEnd();
    const span = op === Op.COMMIT || op === Op.END ? undefined : this.p.spans[this.p.opSpans[pc] ?? -1];
    const comment = [what, span ? `(${location(span)})` : ''].filter(Boolean).join('  ');
    return comment ? `${text.padEnd(COMMENT_COLUMN - 1)} ; ${comment}` : text;
  }

  /** A pc, zero-padded to the width of the longest. */
  pc(pc: number): string {
    return String(pc).padStart(Math.max(4, String(this.p.code.length).length), '0');
  }

  /** The register's datasheet name, or its offset. */
  register(offset: number): string {
    return this.names.get(offset) ?? `[${Number.isInteger(offset) ? `0x${offset.toString(16).padStart(3, '0')}` : offset}]`;
  }

  /** A pin list with the aliases it covers: `7..11 (bar)`. */
  pins(pins: readonly number[]): string {
    const aliases = new Set<string>();
    for (const pin of pins) {
      const name = this.p.pinNames[String(pin)];
      if (name !== undefined) aliases.add(name.replace(/\[.*$/, ''));
    }
    const list = formatPinList(pins);
    return aliases.size > 0 ? `${list} (${[...aliases].join(', ')})` : list;
  }

  /** Operand text and a description of what the op does. */
  private decode(op: number, at: (k: number) => number): [string, string] {
    const target = (pc: number): string => (pc === -1 ? 'none' : this.pc(pc));
    switch (op) {
      case Op.WRITE:
        return [`${this.register(at(1))} = ${hex8(at(2))}`, this.describeWrite(at(1), at(2))];
      case Op.RMW:
        return [`${this.register(at(1))} clear ${hex8(at(2))} set ${hex8(at(3))}`, this.describeFields(at(1), at(2), at(3))];
      case Op.TOGGLE:
        return [`${this.register(at(1))} -> ${this.register(at(2))}/${this.register(at(3))} mask ${hex8(at(4))}`,
          `toggle ${this.pins(bankPins(this.bankOf(at(1), this.p.layout.level), at(4)))}`];
      case Op.WAIT:
      case Op.SPIN:
        return [formatDuration(at(1)), ''];
      case Op.LOOP:
        return [`${count(at(1))} exit ${target(at(2))}`, ''];
      case Op.EVERY:
        return [`${formatDuration(at(1))} ${count(at(2))} exit ${target(at(3))}`, ''];
      case Op.NEXT:
      case Op.NEXT_EVERY:
      case Op.JUMP:
        return [`-> ${target(at(1))}`, ''];
      case Op.WAIT_LEVEL: {
        const level = at(3) === 1 ? 'high' : 'low';
        const timeout = at(4) === -1 ? '' : ` timeout ${formatDuration(at(4))} else ${target(at(5))}`;
        const pins = this.pins(bankPins(this.bankOf(at(1), this.p.layout.level), at(2)));
        return [`${this.register(at(1))} & ${hex8(at(2))} ${level}${timeout}`, `wait until ${pins} ${level}`];
      }
      case Op.LOG:
      case Op.MARK:
        return [JSON.stringify(this.p.strings[at(1)] ?? `<string ${at(1)}?>`), ''];
      default:
        return ['', ''];
    }
  }

  private describeWrite(offset: number, value: number): string {
    const { layout } = this.p;
    const set = this.bankOf(offset, layout.set);
    if (set >= 0) return `set ${this.pins(bankPins(set, value))}`;
    const clear = this.bankOf(offset, layout.clear);
    if (clear >= 0) return `clear ${this.pins(bankPins(clear, value))}`;
    const pull = layout.pull;
    if (pull?.kind !== 'gppud-clock') return '';
    if (offset === pull.gppud) return value === pull.codes.none ? 'pull control off' : `pull ${pullName(pull.codes, value)}`;
    const clock = this.bankOf(offset, pull.gppudclk);
    if (clock < 0) return '';
    return value === 0 ? 'pull clock off' : `clock pull into ${this.pins(bankPins(clock, value))}`;
  }

  /** What an RMW of function-select or pull fields sets each pin to: `out 7..9, in 4`. */
  private describeFields(offset: number, clearMask: number, setBits: number): string {
    const { functionSelect: fs, pull, gpioCount } = this.p.layout;
    const pullFields = pull?.kind === 'pup-pdn' && isFieldWord(offset, pull, gpioCount) ? pull : undefined;
    const geometry = pullFields ?? (isFieldWord(offset, fs, gpioCount) ? fs : undefined);
    if (!geometry) return '';
    const nameOf = (code: number): string => (pullFields ? `pull ${pullName(pullFields.codes, code)}` : this.functionName(code));
    const field = (1 << geometry.bitsPerPin) - 1;
    const first = ((offset - geometry.base) / 4) * geometry.pinsPerWord;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < geometry.pinsPerWord; i++) {
      const shift = i * geometry.bitsPerPin;
      if (((clearMask >>> shift) & field) === 0) continue;
      const name = nameOf((setBits >>> shift) & field);
      groups.set(name, [...(groups.get(name) ?? []), first + i]);
    }
    return [...groups].map(([name, pins]) => `${name} ${this.pins(pins)}`).join(', ');
  }

  private functionName(code: number): string {
    const { input, output } = this.p.layout.functionSelect;
    if (code === output) return 'out';
    if (code === input) return 'in';
    const alt = this.altCodes.indexOf(code);
    return alt >= 0 ? `alt${alt}` : `function ${code}`;
  }

  private bankOf(offset: number, registers: readonly number[]): number {
    return registers.indexOf(offset);
  }
}

/** Datasheet names of every register the layout describes, by offset. */
function registerNames(layout: RegisterLayout): Map<number, string> {
  const names = new Map<number, string>();
  const fs = layout.functionSelect;
  for (let k = 0; k < Math.ceil(layout.gpioCount / fs.pinsPerWord); k++) names.set(fs.base + k * 4, `GPFSEL${k}`);
  layout.set.forEach((offset, bank) => names.set(offset, `GPSET${bank}`));
  layout.clear.forEach((offset, bank) => names.set(offset, `GPCLR${bank}`));
  layout.level.forEach((offset, bank) => names.set(offset, `GPLEV${bank}`));
  const pull = layout.pull;
  if (pull?.kind === 'gppud-clock') {
    names.set(pull.gppud, 'GPPUD');
    pull.gppudclk.forEach((offset, bank) => names.set(offset, `GPPUDCLK${bank}`));
  } else if (pull?.kind === 'pup-pdn') {
    // BCM2711 ARM Peripherals §5.2 p.84 names them GPIO_PUP_PDN_CNTRL_REG0–3.
    for (let k = 0; k < Math.ceil(layout.gpioCount / pull.pinsPerWord); k++) names.set(pull.base + k * 4, `GPIO_PUP_PDN_CNTRL_REG${k}`);
  }
  return names;
}

function isFieldWord(offset: number, g: { base: number; pinsPerWord: number }, gpioCount: number): boolean {
  const k = (offset - g.base) / 4;
  return Number.isInteger(k) && k >= 0 && k < Math.ceil(gpioCount / g.pinsPerWord);
}

/** The pins of bank `bank` whose bits are set in `mask`. */
function bankPins(bank: number, mask: number): number[] {
  const pins: number[] = [];
  if (bank < 0) return pins;
  for (let i = 0; i < 32; i++) if ((mask >>> i) & 1) pins.push(bank * 32 + i);
  return pins;
}

function pullName(codes: { none: number; down: number; up: number }, code: number): string {
  return code === codes.up ? 'up' : code === codes.down ? 'down' : code === codes.none ? 'none' : `code ${code}`;
}

function count(n: number): string {
  return n === Infinity ? 'forever' : `${n} times`;
}

function hex8(value: number): string {
  return Number.isInteger(value) && value >= 0 ? `0x${value.toString(16).padStart(8, '0')}` : String(value);
}

/** `file:line:col` with the file's base name, as a person reads it next to the source. */
function location(span: ProgramSpan): string {
  const base = span.file.split(/[\\/]/).pop() ?? span.file;
  return `${base}:${span.line}:${span.column}`;
}
