/**
 * Edges for backends that do not record them (file, gpiomem, devmem, chardev, sysfs):
 * during a traced run the executor records only `(commit pc, time)` per instant; after
 * the run, each committed instant's ops are replayed into the {@link BcmRegisterModel},
 * which yields the edges at their recorded times.
 *
 * The replay starts from the function-select and level words snapshotted before the
 * first op. A runtime `toggle` is replayed with the level bits the executor actually read
 * (recorded with the trace), so the replay writes what the run wrote even where the level
 * register does not follow the outputs (a file holds whatever it holds).
 */
import { RecordKind } from '../run/control.js';
import { Op, OP_LENGTH, type Program } from '../program/program.js';
import type { Edge } from '../run/runResult.js';
import { EdgeLog, edgesFromData } from '../backends/sim/edgeLog.js';
import { BcmRegisterModel } from '../backends/sim/registerModel.js';

/** Trace records as the executor emitted them: 4 numbers each (kind, pc, a, b). */
export interface TraceRecords {
  readonly data: Float64Array;
  readonly count: number;
}

/**
 * Replays `records` of a run that started with `program` (and switched to
 * `replacements.get(seq)` at each REPLACED record) and returns the edges in time order.
 */
export function replayTrace(
  program: Program,
  records: TraceRecords,
  initialWords: readonly (readonly [number, number])[],
  replacements: ReadonlyMap<number, Program> = new Map(),
): Edge[] {
  const model = new BcmRegisterModel(program.layout);
  for (const [offset, value] of initialWords) model.load(offset, value);
  const log = new EdgeLog();
  let current = program;
  let starts = instantStarts(current);
  const regs = model.regs;
  const reads = new Map<number, number>();
  for (let i = 0; i < records.count; i++) {
    const base = i * 4;
    const kind = records.data[base]!;
    const pc = records.data[base + 1]!;
    const a = records.data[base + 2]!;
    const b = records.data[base + 3]!;
    if (kind === RecordKind.COMMIT) {
      if (pc >= 0) applyInstant(current.code, starts[pc]!, pc, model, reads);
      reads.clear();
      model.commit(a, log);
    } else if (kind === RecordKind.LEVEL_READ) {
      reads.set(pc, a);
    } else if (kind === RecordKind.RELEASE) {
      const w = pc >>> 2;
      regs[w] = ((regs[w]! & ~a) | b) >>> 0;
    } else if (kind === RecordKind.REPLACED) {
      const next = replacements.get(a);
      if (next) {
        current = next;
        starts = instantStarts(current);
      }
    }
  }
  return edgesFromData(log.data());
}

/**
 * For every COMMIT pc, the pc where its instant's ops begin: after the nearest preceding
 * control op (wait, loop, jump, end, commit) or jump target. `log` and `mark` do not end
 * an instant.
 */
export function instantStarts(program: Program): Int32Array {
  const code = program.code;
  const starts = new Int32Array(code.length).fill(-1);
  const targets = new Set<number>();
  for (let pc = 0; pc < code.length; pc += OP_LENGTH[code[pc]!] ?? 1) {
    const op = code[pc]!;
    if (op === Op.LOOP) targets.add(code[pc + 2]!);
    else if (op === Op.EVERY) targets.add(code[pc + 3]!);
    else if (op === Op.NEXT || op === Op.NEXT_EVERY || op === Op.JUMP) targets.add(code[pc + 1]!);
    else if (op === Op.WAIT_LEVEL && code[pc + 5]! >= 0) targets.add(code[pc + 5]!);
  }
  let start = 0;
  for (let pc = 0; pc < code.length; pc += OP_LENGTH[code[pc]!] ?? 1) {
    const op = code[pc]!;
    if (targets.has(pc)) start = pc;
    if (op === Op.COMMIT) starts[pc] = start;
    if (!isInstantOp(op)) start = pc + (OP_LENGTH[op] ?? 1);
  }
  return starts;
}

function isInstantOp(op: number): boolean {
  return op === Op.WRITE || op === Op.RMW || op === Op.TOGGLE || op === Op.SPIN || op === Op.LOG || op === Op.MARK;
}

/**
 * Applies the stores of ops [from, to) to the model, as a buffered backend sees them;
 * toggles use the recorded `reads`. This restates the executor's store semantics on
 * purpose: the executor's op loop keeps them inline, where a shared helper would cost a
 * call per store.
 */
function applyInstant(code: Float64Array, from: number, to: number, model: BcmRegisterModel, reads: ReadonlyMap<number, number>): void {
  const regs = model.regs;
  const set = model.layout.set;
  const clear = model.layout.clear;
  for (let pc = from; pc >= 0 && pc < to; pc += OP_LENGTH[code[pc]!] ?? 1) {
    switch (code[pc]) {
      case Op.WRITE: {
        const offset = code[pc + 1]!;
        const w = offset >>> 2;
        // SET/CLEAR stores of one instant accumulate: the model realises them together at commit.
        const writeOnly = set.includes(offset) || clear.includes(offset);
        regs[w] = writeOnly ? regs[w]! | code[pc + 2]! : code[pc + 2]!;
        break;
      }
      case Op.RMW: {
        const w = code[pc + 1]! >>> 2;
        regs[w] = (regs[w]! & ~code[pc + 2]!) | code[pc + 3]!;
        break;
      }
      case Op.TOGGLE: {
        const mask = code[pc + 4]!;
        const high = reads.get(pc) ?? regs[code[pc + 1]! >>> 2]! & mask;
        regs[code[pc + 2]! >>> 2] = regs[code[pc + 2]! >>> 2]! | (mask & ~high);
        regs[code[pc + 3]! >>> 2] = regs[code[pc + 3]! >>> 2]! | high;
        break;
      }
    }
  }
}
