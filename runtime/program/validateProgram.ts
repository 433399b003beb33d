/**
 * The runtime's own check of a program before it plays it: the compiler already
 * guarantees all of this, but a program can also arrive as JSON, from another version or
 * from a hand edit, and the executor trusts what it runs. One pass over `code`, with
 * table lookups and no objects or closures per op; it never imports the compiler.
 *
 * A program is refused unless: the format and version match; every op is a known opcode
 * whose operands fit in `code`; jumps land on op starts, forwards, in the same block and
 * loop; loops are balanced and no deeper than `maxLoopDepth`; every store is an aligned
 * word inside the window and outside `layout.forbidden` and the family's own forbidden
 * ranges (event detect, which no layout can lift); SET/CLEAR (and pull clock) masks
 * hold only bits of `pins`; read-modify-writes cover only whole function-select or pull
 * fields of `pins`; level reads only bits of `inputs`.
 */
import { Op, OP_LENGTH, OP_NAMES, PROGRAM_FORMAT, PROGRAM_VERSION, type Program } from './program.js';
import { buildRegisterMap, checkLayout, describe, type ErrorSink, isRecord, Reg, type RegisterMap } from './validateProgramLayout.js';

/** The outcome of {@link validateProgram}: the program, typed, or every reason it was refused. */
export type ProgramValidation =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly errors: string[] };

/** Stop listing after this many errors: one broken table would otherwise repeat for every op. */
const MAX_ERRORS = 50;
/** A SPIN is a register settle time; anything longer is not one and would stall the executor. */
const MAX_SPIN_NS = 1e9;
/** The executor allocates its loop stack from `maxLoopDepth`, so it must be sane. */
const MAX_LOOP_DEPTH = 1024;
/** Marks a `code` slot that is an operand, not the start of an op. */
const OPERAND = -2;

/** Checks that `program` is a well-formed, safe {@link Program}; never throws. */
export function validateProgram(program: unknown): ProgramValidation {
  const errors = new ErrorList();
  if (!isRecord(program)) return { ok: false, errors: ['a program must be an object'] };
  if (program.format !== PROGRAM_FORMAT) errors.add(`format must be "${PROGRAM_FORMAT}", got ${describe(program.format)}`);
  if (program.version !== PROGRAM_VERSION) errors.add(`version must be ${PROGRAM_VERSION}, got ${describe(program.version)}`);
  if (typeof program.chip !== 'string' || program.chip === '') errors.add('chip must be a non-empty string');
  const layout = checkLayout(program.layout, errors);
  if (!layout || errors.list.length > 0) return errors.failure();
  const pins = checkPinList(program.pins, 'pins', layout.gpioCount, undefined, errors);
  const outputs = checkPinList(program.outputs, 'outputs', layout.gpioCount, pins, errors);
  const inputs = checkPinList(program.inputs, 'inputs', layout.gpioCount, pins, errors);
  if (!pins || !outputs || !inputs || errors.list.length > 0) return errors.failure();
  const registers = buildRegisterMap(layout, pins, inputs);
  checkTables(program, registers, errors);
  if (errors.list.length > 0) return errors.failure();
  const checked = program as unknown as Program;
  checkCode(checked, registers, errors);
  return errors.list.length > 0 ? errors.failure() : { ok: true, program: checked };
}

/** The reasons a program is refused, capped at {@link MAX_ERRORS}. */
class ErrorList implements ErrorSink {
  readonly list: string[] = [];

  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else if (this.list.length === MAX_ERRORS) this.list.push('… and more');
  }

  failure(): ProgramValidation {
    return { ok: false, errors: this.list };
  }
}

function checkPinList(value: unknown, name: string, gpioCount: number, within: readonly number[] | undefined, errors: ErrorList): number[] | undefined {
  if (!Array.isArray(value)) {
    errors.add(`${name} must be an array of pin numbers`);
    return undefined;
  }
  let previous = -1;
  for (const pin of value as unknown[]) {
    if (typeof pin !== 'number' || !Number.isInteger(pin) || pin < 0 || pin >= gpioCount) {
      errors.add(`${name}: ${describe(pin)} is not a GPIO of this chip (0–${gpioCount - 1})`);
      return undefined;
    }
    if (pin <= previous) errors.add(`${name} must be ascending without repeats (${pin} after ${previous})`);
    if (within && !within.includes(pin)) errors.add(`${name}: GPIO ${pin} is not in pins`);
    previous = pin;
  }
  return value as number[];
}

function checkTables(p: Record<string, unknown>, registers: RegisterMap, errors: ErrorList): void {
  const code = p.code;
  if (!(code instanceof Float64Array) || code.length === 0) errors.add('code must be a non-empty Float64Array');
  const length = code instanceof Float64Array ? code.length : 0;
  if (!isInt(p.exitEntry, 1, length - 1)) errors.add(`exitEntry ${describe(p.exitEntry)} must be an index inside code after the main program`);
  if (!isInt(p.maxLoopDepth, 0, MAX_LOOP_DEPTH)) errors.add(`maxLoopDepth ${describe(p.maxLoopDepth)} must be an integer from 0 to ${MAX_LOOP_DEPTH}`);
  if (!Array.isArray(p.strings) || !p.strings.every((s) => typeof s === 'string')) errors.add('strings must be an array of strings');
  const spans = p.spans;
  if (!Array.isArray(spans) || !spans.every(isSpan)) errors.add('spans must be an array of {file, line, column, endLine, endColumn}');
  const spanCount = Array.isArray(spans) ? spans.length : 0;
  const opSpans = p.opSpans;
  if (!(opSpans instanceof Int32Array) || opSpans.length !== length) {
    errors.add('opSpans must be an Int32Array as long as code');
  } else if (opSpans.some((s) => s < -1 || s >= spanCount)) {
    errors.add('opSpans must hold -1 or indexes into spans');
  }
  if (!Array.isArray(p.restore)) errors.add('restore must be an array of {offset, mask}');
  else for (const entry of p.restore as unknown[]) checkRestore(entry, registers, errors);
  for (const name of ['pinNames', 'params'] as const) {
    const table = p[name];
    if (!isRecord(table) || !Object.values(table).every((v) => typeof v === 'string')) errors.add(`${name} must be an object of strings`);
  }
}

function isSpan(value: unknown): boolean {
  if (!isRecord(value) || typeof value.file !== 'string') return false;
  return [value.line, value.column, value.endLine, value.endColumn].every((n) => isInt(n, 1, Number.MAX_SAFE_INTEGER));
}

function checkRestore(entry: unknown, registers: RegisterMap, errors: ErrorList): void {
  if (!isRecord(entry) || !isWord(entry.offset, registers) || !isUint32(entry.mask)) {
    errors.add('restore entries must be {offset, mask} with a word offset inside the window and a 32-bit mask');
    return;
  }
  const offset = entry.offset as number;
  const mask = entry.mask as number;
  if (registers.kind[offset >>> 2] !== Reg.FunctionSelect || mask === 0 || !coversWholeFields(mask, registers, offset >>> 2)) {
    errors.add(`restore: ${hex(mask)} at ${hex(offset)} is not whole function-select fields of pins`);
  }
}

/** Walks `code` once, op by op; then checks the collected jump targets against the op starts. */
function checkCode(p: Program, registers: RegisterMap, errors: ErrorList): void {
  const code = p.code;
  // The pc of the enclosing loop op at each op start (-1 at top level), OPERAND elsewhere: also the op-start map.
  const loopOf = new Int32Array(code.length).fill(OPERAND);
  const loops: number[] = [];
  // (from, target, expected enclosing loop) triples, checked once every op start is known.
  const jumps: number[] = [];
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    const length = Number.isInteger(op) ? OP_LENGTH[op] : undefined;
    if (length === undefined) return errors.add(`pc ${pc}: unknown opcode ${op}`);
    if (pc + length > code.length) return errors.add(`pc ${pc}: ${OP_NAMES[op]} needs ${length - 1} operands but code ends`);
    if (pc === p.exitEntry && loops.length > 0) errors.add(`pc ${pc}: the exit block starts inside a loop`);
    const enclosing = loops[loops.length - 1] ?? -1;
    loopOf[pc] = enclosing;
    const a = code[pc + 1] ?? 0;
    const b = code[pc + 2] ?? 0;
    const c = code[pc + 3] ?? 0;
    let problem: string | undefined;
    switch (op) {
      case Op.END:
        if (loops.length > 0) problem = 'inside a loop';
        break;
      case Op.WRITE:
        problem = checkWrite(a, b, registers);
        break;
      case Op.RMW:
        problem = checkRmw(a, b, c, registers);
        break;
      case Op.TOGGLE:
        problem = checkToggle(a, b, c, code[pc + 4]!, registers);
        break;
      case Op.WAIT:
        if (!(a > 0 && Number.isFinite(a))) problem = `duration ${a} must be a positive number of nanoseconds`;
        break;
      case Op.SPIN:
        if (!(a >= 0 && a <= MAX_SPIN_NS)) problem = `duration ${a} must be 0 to ${MAX_SPIN_NS} ns`;
        break;
      case Op.LOOP:
      case Op.EVERY:
        loops.push(pc);
        problem = checkLoopStart(op, a, b, loops.length, p.maxLoopDepth);
        break;
      case Op.NEXT:
      case Op.NEXT_EVERY:
        problem = checkLoopEnd(code, op, pc, loops.pop());
        break;
      case Op.WAIT_LEVEL:
        problem = checkLevelRead(a, b, registers) ?? checkWaitOperands(c, code[pc + 4]!);
        if (code[pc + 5] !== -1) jumps.push(pc, code[pc + 5]!, enclosing);
        break;
      case Op.JUMP:
        jumps.push(pc, a, enclosing);
        break;
      case Op.LOG:
      case Op.MARK:
        if (!isInt(a, 0, p.strings.length - 1)) problem = `string ${a} is not in the string table`;
        break;
    }
    if (problem !== undefined) errors.add(`pc ${pc}: ${OP_NAMES[op]} ${problem}`);
    pc += length;
  }
  for (const start of loops) errors.add(`pc ${start}: ${OP_NAMES[code[start]!]} is never closed`);
  checkBlocks(p, loopOf, errors);
  checkJumps(jumps, loopOf, p.exitEntry, errors);
}

function checkLoopStart(op: number, a: number, b: number, depth: number, maxLoopDepth: number): string | undefined {
  const count = op === Op.LOOP ? a : b;
  if (!(count === Infinity || isInt(count, 0, Number.MAX_SAFE_INTEGER))) return `count ${count} must be a whole number or Infinity`;
  if (op === Op.EVERY && !(a > 0 && Number.isFinite(a))) return `period ${a} must be a positive number of nanoseconds`;
  if (depth > maxLoopDepth) return `nests deeper than maxLoopDepth ${maxLoopDepth}`;
  return undefined;
}

/** A loop end must close the innermost open loop of its kind, jump to its body, and be where that loop exits to. */
function checkLoopEnd(code: Float64Array, op: number, pc: number, start: number | undefined): string | undefined {
  const opener = op === Op.NEXT ? Op.LOOP : Op.EVERY;
  if (start === undefined || code[start] !== opener) return `does not close a ${OP_NAMES[opener]}`;
  const bodyPc = start + OP_LENGTH[opener]!;
  if (code[pc + 1] !== bodyPc) return `jumps to ${code[pc + 1]}, not to the body of its loop at ${bodyPc}`;
  const exitPc = code[bodyPc - 1];
  if (exitPc !== pc + 2) return `ends the ${OP_NAMES[opener]} at pc ${start}, which exits to ${exitPc} instead of ${pc + 2}`;
  return undefined;
}

function checkWaitOperands(level: number, timeout: number): string | undefined {
  if (level !== 0 && level !== 1) return `level ${level} must be 0 or 1`;
  if (!(timeout === -1 || (timeout >= 0 && Number.isFinite(timeout)))) return `timeout ${timeout} must be -1 or a number of nanoseconds`;
  return undefined;
}

/** The main program must end with END right before `exitEntry`, and the exit block at the end of code. */
function checkBlocks(p: Program, loopOf: Int32Array, errors: ErrorList): void {
  const last = p.code.length - 1;
  if (loopOf[p.exitEntry] === OPERAND) errors.add(`exitEntry ${p.exitEntry} is not the start of an op`);
  if (p.code[last] !== Op.END || loopOf[last] === OPERAND) errors.add('code must end with END');
  if (p.code[p.exitEntry - 1] !== Op.END || loopOf[p.exitEntry - 1] === OPERAND) errors.add('the main program must end with END right before exitEntry');
}

function checkJumps(jumps: readonly number[], loopOf: Int32Array, exitEntry: number, errors: ErrorList): void {
  for (let i = 0; i < jumps.length; i += 3) {
    const from = jumps[i]!;
    const to = jumps[i + 1]!;
    if (!isInt(to, from + 1, loopOf.length - 1) || loopOf[to] === OPERAND) {
      errors.add(`pc ${from}: jump target ${to} is not the start of a later op`);
    } else if (loopOf[to] !== jumps[i + 2] || (from < exitEntry) !== (to < exitEntry)) {
      errors.add(`pc ${from}: jump target ${to} leaves or enters a loop or block`);
    }
  }
}

/** The word index of a store's offset, or a message when it is not an aligned, permitted word of the window. */
function storeWord(offset: number, registers: RegisterMap): number | string {
  if (!isWord(offset, registers)) return `offset ${offset} is not an aligned word inside the ${registers.windowBytes}-byte window`;
  if (registers.forbidden[offset >>> 2]) return `offset ${hex(offset)} is a forbidden register`;
  return offset >>> 2;
}

function checkWrite(offset: number, value: number, registers: RegisterMap): string | undefined {
  const word = storeWord(offset, registers);
  if (typeof word === 'string') return word;
  if (!isUint32(value)) return `value ${value} is not a 32-bit word`;
  const kind = registers.kind[word];
  if (kind === Reg.Set || kind === Reg.Clear || kind === Reg.PullClock) {
    return (value & ~registers.allowed[word]!) !== 0 ? `${hex(value)} at ${hex(offset)} has bits of pins outside pins` : undefined;
  }
  if (kind === Reg.PullControl) return registers.pullCodes.includes(value) ? undefined : `${hex(value)} at ${hex(offset)} is not a pull code`;
  return `offset ${hex(offset)} is not a register programs may write whole (SET, CLEAR or the pull sequence)`;
}

function checkRmw(offset: number, clearMask: number, setBits: number, registers: RegisterMap): string | undefined {
  const word = storeWord(offset, registers);
  if (typeof word === 'string') return word;
  if (!isUint32(clearMask) || !isUint32(setBits)) return 'masks must be 32-bit words';
  const kind = registers.kind[word];
  if (kind !== Reg.FunctionSelect && kind !== Reg.PullFields) return `offset ${hex(offset)} is not a function-select or pull register`;
  if (!coversWholeFields(clearMask, registers, word)) return `clear mask ${hex(clearMask)} is not whole fields of pins`;
  if ((setBits & ~clearMask) !== 0) return `sets bits ${hex(setBits)} outside its clear mask ${hex(clearMask)}`;
  return undefined;
}

function checkToggle(levelOffset: number, setOffset: number, clearOffset: number, mask: number, registers: RegisterMap): string | undefined {
  const problem = checkLevelRead(levelOffset, mask, registers);
  if (problem !== undefined) return problem;
  const set = storeWord(setOffset, registers);
  const clear = storeWord(clearOffset, registers);
  if (typeof set === 'string') return set;
  if (typeof clear === 'string') return clear;
  const bank = registers.bank[levelOffset >>> 2];
  if (registers.kind[set] !== Reg.Set || registers.kind[clear] !== Reg.Clear || registers.bank[set] !== bank || registers.bank[clear] !== bank) {
    return 'must use the SET and CLEAR registers of its level register\'s bank';
  }
  return undefined;
}

/** A level read: the offset must be a LEVEL register and the mask only bits of `inputs`. */
function checkLevelRead(offset: number, mask: number, registers: RegisterMap): string | undefined {
  if (!isWord(offset, registers) || registers.kind[offset >>> 2] !== Reg.Level) return `offset ${offset} is not a level register`;
  if (!isUint32(mask) || mask === 0 || (mask & ~registers.allowed[offset >>> 2]!) !== 0) return `mask ${mask} must be bits of pins in inputs`;
  return undefined;
}

/** True when `mask` is a union of whole fields, each belonging to one of the program's pins. */
function coversWholeFields(mask: number, registers: RegisterMap, word: number): boolean {
  if ((mask & ~registers.allowed[word]!) !== 0) return false;
  const width = registers.fieldBits[word]!;
  if (width === 0) return false;
  const field = width >= 32 ? 0xffffffff : (1 << width) - 1;
  for (let shift = 0; shift < 32; shift += width) {
    const bits = ((mask >>> shift) & field) >>> 0;
    if (bits !== 0 && bits !== field) return false;
  }
  return true;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isWord(offset: unknown, registers: RegisterMap): offset is number {
  return isInt(offset, 0, registers.windowBytes - 4) && offset % 4 === 0;
}

function isUint32(value: unknown): value is number {
  return typeof value === 'number' && value >>> 0 === value;
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}
