/**
 * Lowering: an elaborated script (IR) becomes a chip-specific {@link Program} (SPEC §2).
 * Toggles of known-level pins are resolved first (knownLevels.ts); each instant is folded
 * into register ops (instantFolding.ts) and checked against the register window
 * (lowerSafetyNet.ts); control flow becomes flat ops with patched jump targets. Loops
 * stay loops, so `repeat 1000000 < … >` costs the size of its body.
 */
import { Op, PROGRAM_FORMAT, PROGRAM_VERSION, type Program, type RegisterLayout } from '../../runtime/program/program.js';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import type { Chip } from '../chips/chip.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Span } from '../language/span.js';
import { formatDuration } from './formatDuration.js';
import { formatPinList } from './formatPinList.js';
import { foldInstant, type RegisterOp } from './instantFolding.js';
import type { IrInstant, IrLoop, IrNode, IrScript, IrWaitLevel, ParamValue } from './ir.js';
import { resolveToggles } from './knownLevels.js';
import { CodeBuffer } from './lowerCodeBuffer.js';
import { collectPinTables } from './lowerPinTables.js';
import { checkPin, checkRegister, LoweringDiagnostics } from './lowerSafetyNet.js';

/** What {@link lowerProgram} produced: a program when there were no errors, and the diagnostics. */
export interface LowerResult {
  readonly program?: Program | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Lowers `ir` to a program for `chip`. Never throws: a register outside the window or
 * in a forbidden range, a pin the chip lacks or a pin outside `allow` is reported as a
 * located error, and no program is returned. The finished program is also put through
 * the runtime's own {@link validateProgram}, so compiling never yields a program the
 * runtime would refuse (E_INVALID_PROGRAM, located at the offending op's source).
 */
export function lowerProgram(ir: IrScript, chip: Chip): LowerResult {
  const report = new LoweringDiagnostics();
  // The runtime needs the pull registers to check and model pull writes; older chip data keeps them only on the chip.
  const layout: RegisterLayout = chip.layout.pull ? chip.layout : { ...chip.layout, pull: chip.pull };
  const body = resolveToggles(ir.body);
  const onExit = resolveToggles(ir.onExit);

  const writer = new ProgramWriter(chip, layout, report);
  writer.block(body, ir.file);
  const exitEntry = writer.buffer.pc;
  writer.block(onExit, ir.file);
  const tables = collectPinTables(ir, [body, onExit], layout, report);
  if (report.list.length > 0) return { diagnostics: report.list };

  const { code, opSpans, spans, strings } = writer.buffer.finish();
  const program: Program = {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    chip: chip.name,
    layout,
    code,
    exitEntry,
    maxLoopDepth: writer.maxLoopDepth,
    strings,
    spans,
    opSpans,
    restore: tables.restore,
    pins: tables.pins,
    outputs: tables.outputs,
    inputs: tables.inputs,
    pinNames: Object.fromEntries(Object.entries(ir.pinNames)),
    params: Object.fromEntries(Object.entries(ir.params).map(([name, value]) => [name, paramText(value)])),
  };
  // The runtime refuses what its validator refuses; finding that here points at the source instead of a pc.
  const checked = validateProgram(program);
  if (!checked.ok) return { diagnostics: checked.errors.map((message) => invalidProgram(message, writer.buffer, ir.file)) };
  return { program, diagnostics: [] };
}

/** An E_INVALID_PROGRAM for one validator error, at the span of the op it names (`pc N: …`) when it names one. */
function invalidProgram(message: string, buffer: CodeBuffer, file: string): Diagnostic {
  const pc = /^pc (\d+):/.exec(message)?.[1];
  const span = (pc === undefined ? undefined : buffer.sourceSpanAt(Number(pc))) ?? fileStart(file);
  return error('E_INVALID_PROGRAM', span, `The compiled program fails the runtime's check: ${message}.`,
    'This is a bug in pinseq; please report it.');
}

/** How a bound param reads in `--emit program` and the live view: `10`, `250ms`, `7..11`. */
function paramText(value: ParamValue): string {
  if (value.type === 'int') return String(value.value);
  if (value.type === 'duration') return formatDuration(value.ns);
  return formatPinList(value.pins);
}

/** Writes IR blocks as ops into a {@link CodeBuffer}, tracking loop depth. */
class ProgramWriter {
  readonly buffer = new CodeBuffer();
  /** Deepest loop nesting written so far. */
  maxLoopDepth = 0;
  private depth = 0;

  constructor(
    private readonly chip: Chip,
    private readonly layout: RegisterLayout,
    private readonly report: LoweringDiagnostics,
  ) {}

  /** Writes a whole block (main program or exit block) followed by END. */
  block(nodes: readonly IrNode[], file: string): void {
    this.nodes(nodes);
    // END belongs to the block's last statement; an empty block points at the start of the file.
    const last = nodes[nodes.length - 1];
    this.buffer.emit(last?.span ?? fileStart(file), Op.END);
  }

  private nodes(nodes: readonly IrNode[]): void {
    for (const node of nodes) {
      switch (node.kind) {
        case 'instant':
          this.instant(node);
          break;
        case 'wait':
          // `wait 0` only ends an instant, and the IR already did that: no op, no clock read.
          if (node.ns > 0) this.buffer.emit(node.span, Op.WAIT, Math.round(node.ns));
          break;
        case 'loop':
          this.loop(node);
          break;
        case 'waitLevel':
          this.waitLevel(node);
          break;
        case 'log':
          this.buffer.emit(node.span, Op.LOG, this.buffer.stringId(node.text));
          break;
        case 'mark':
          this.buffer.emit(node.span, Op.MARK, this.buffer.stringId(node.text));
          break;
      }
    }
  }

  private instant(node: IrInstant): void {
    const ops = foldInstant(node.actions, this.chip, this.report);
    if (ops.length === 0) return;
    for (const op of ops) {
      if (this.isSafe(op)) this.registerOp(op);
    }
    this.buffer.emit(node.span, Op.COMMIT);
  }

  private isSafe(op: RegisterOp): boolean {
    const check = (offset: number, access: 'store' | 'read'): boolean => checkRegister(this.layout, offset, access, op.span, this.report);
    switch (op.op) {
      case 'write':
      case 'rmw':
        return check(op.offset, 'store');
      case 'toggle':
        // Evaluate all three so each bad offset is reported.
        return [check(op.levelOffset, 'read'), check(op.setOffset, 'store'), check(op.clearOffset, 'store')].every(Boolean);
      case 'spin':
        return true;
    }
  }

  private registerOp(op: RegisterOp): void {
    switch (op.op) {
      case 'write':
        this.buffer.emit(op.span, Op.WRITE, op.offset, op.value);
        break;
      case 'rmw':
        this.buffer.emit(op.span, Op.RMW, op.offset, op.clearMask, op.setBits);
        break;
      case 'toggle':
        this.buffer.emit(op.span, Op.TOGGLE, op.levelOffset, op.setOffset, op.clearOffset, op.mask);
        break;
      case 'spin':
        this.buffer.emit(op.span, Op.SPIN, op.ns);
        break;
    }
  }

  /** `LOOP count exitPc … NEXT bodyPc`, or `EVERY period count exitPc … NEXT_EVERY bodyPc`; exitPc is patched after the body. */
  private loop(node: IrLoop): void {
    this.depth++;
    this.maxLoopDepth = Math.max(this.maxLoopDepth, this.depth);
    const periodic = node.periodNs !== undefined;
    const start = periodic
      ? this.buffer.emit(node.span, Op.EVERY, Math.round(node.periodNs ?? 0), node.count, -1)
      : this.buffer.emit(node.span, Op.LOOP, node.count, -1);
    const bodyPc = this.buffer.pc;
    this.nodes(node.body);
    this.buffer.emit(node.span, periodic ? Op.NEXT_EVERY : Op.NEXT, bodyPc);
    this.buffer.patch(start, periodic ? 3 : 2, this.buffer.pc);
    this.depth--;
  }

  /**
   * `WAIT_LEVEL levelOffset mask level timeoutNs elsePc`. An else block is placed right
   * after it, behind a JUMP that the normal path takes over it.
   */
  private waitLevel(node: IrWaitLevel): void {
    if (!checkPin(this.layout, node.pin, node.span, this.report)) return;
    const levelOffset = this.layout.level[Math.floor(node.pin / 32)]!;
    if (!checkRegister(this.layout, levelOffset, 'read', node.span, this.report)) return;
    const mask = (1 << (node.pin % 32)) >>> 0;
    const timeout = node.timeoutNs === undefined ? -1 : Math.round(node.timeoutNs);
    const start = this.buffer.emit(node.span, Op.WAIT_LEVEL, levelOffset, mask, node.level, timeout, -1);
    // Without a timeout the else block can never run: it is not emitted.
    if (!node.orElse || node.timeoutNs === undefined) return;
    if (node.orElse.length === 0) {
      this.buffer.patch(start, 5, this.buffer.pc);
      return;
    }
    const jump = this.buffer.emit(node.span, Op.JUMP, -1);
    this.buffer.patch(start, 5, this.buffer.pc);
    this.nodes(node.orElse);
    this.buffer.patch(jump, 1, this.buffer.pc);
  }
}

function fileStart(file: string): Span {
  return { file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
