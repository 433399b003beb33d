import test, { type ExecutionContext } from 'ava';
import { Op, PROGRAM_FORMAT, PROGRAM_VERSION, type Program } from '../../runtime/program/program.js';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';

const { END, WRITE, RMW, TOGGLE, COMMIT, WAIT, SPIN, LOOP, NEXT, EVERY, NEXT_EVERY, WAIT_LEVEL, JUMP, LOG, MARK } = Op;

/** A program around `main` (which must end with END) and an exit block of just END. */
function program(main: number[], extra: Partial<Program> = {}): Program {
  const code = [...main, END];
  return {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    chip: 'bcm2711',
    layout: bcm2711.layout,
    code: Float64Array.from(code),
    exitEntry: code.length - 1,
    maxLoopDepth: 2,
    strings: ['hi'],
    spans: [{ file: 'a.gpio', line: 1, column: 1, endLine: 1, endColumn: 2 }],
    opSpans: new Int32Array(code.length).fill(-1),
    restore: [{ offset: 0x00, mask: 0x3fe00000 }],
    pins: [4, 7, 8, 9, 40],
    outputs: [7, 8, 9],
    inputs: [4, 40],
    pinNames: { '7': 'led' },
    params: { count: '5' },
    ...extra,
  };
}

/** The errors of a program that must be refused. */
function errorsOf(t: ExecutionContext, p: unknown): string {
  const result = validateProgram(p);
  if (result.ok) {
    t.fail('the program was accepted');
    return '';
  }
  t.true(result.errors.length > 0);
  return result.errors.join('\n');
}

/** Uses every opcode, both banks, a loop inside a periodic loop, and a wait until with an else block. */
const GOOD: readonly number[] = [
  RMW, 0x00, 0x3fe00000, 0x09200000, //  0 out 7..9
  WRITE, 0x1c, 0x380, //                  4 set 7..9
  WRITE, 0x2c, 0x100, //                  7 clear 40
  COMMIT, //                             10
  EVERY, 1e6, Infinity, 44, //           11
  LOOP, 3, 28, //                        15
  TOGGLE, 0x38, 0x20, 0x2c, 0x100, //    18 toggle 40
  COMMIT, //                             23
  WAIT, 500, //                          24
  NEXT, 18, //                           26
  WAIT_LEVEL, 0x34, 0x10, 1, 1e6, 36, // 28 wait until 4 high, else at 36
  JUMP, 38, //                           34
  LOG, 0, //                             36
  MARK, 0, //                            38
  SPIN, 10, //                           40
  NEXT_EVERY, 15, //                     42
  END, //                                44
];

/** GOOD with `code[pc] = value` for each [pc, value] pair. */
function edited(...edits: [number, number][]): number[] {
  const code = [...GOOD];
  for (const [pc, value] of edits) code[pc] = value;
  return code;
}

test('a program using every op is accepted as it is', (t) => {
  const p = program([...GOOD]);
  t.deepEqual(validateProgram(p), { ok: true, program: p });
});

test('programs the compiler writes for both chips are accepted, pulls included', (t) => {
  const pullUp = program([RMW, 0x00, 0x7000, 0, WRITE, 0x94, 2, SPIN, 10_000, WRITE, 0x98, 0x10, SPIN, 10_000, WRITE, 0x94, 0, WRITE, 0x98, 0, COMMIT, END], {
    chip: 'bcm2835', layout: bcm2835.layout, restore: [{ offset: 0, mask: 0x7000 }],
  });
  t.true(validateProgram(pullUp).ok);
  t.true(validateProgram(program([RMW, 0xe4, 0x300, 0x100, COMMIT, END])).ok);
});

test('refuses what is not a program object', (t) => {
  t.regex(errorsOf(t, null), /must be an object/);
  t.regex(errorsOf(t, [1, 2]), /must be an object/);
  t.regex(errorsOf(t, 'END'), /must be an object/);
});

test('refuses another format or version', (t) => {
  t.regex(errorsOf(t, { ...program([...GOOD]), format: 'other' }), /^format must be "pinseq-program", got "other"$/m);
  t.regex(errorsOf(t, { ...program([...GOOD]), version: 2 }), /^version must be 1, got 2$/m);
});

test('refuses a malformed layout', (t) => {
  const layout = bcm2711.layout;
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: undefined }), /layout must be an object/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, family: 'rp1' } }), /layout.family/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, windowBytes: 4095 } }), /layout.windowBytes/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, set: [0x1c] } }), /layout.set/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, functionSelect: { ...layout.functionSelect, bitsPerPin: 4 } } }), /layout.functionSelect/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, forbidden: [[8, 4]] } }), /layout.forbidden/);
  t.regex(errorsOf(t, { ...program([...GOOD]), layout: { ...layout, pull: { kind: 'magic' } } }), /layout.pull/);
});

test('refuses bad tables: code, exitEntry, maxLoopDepth, strings, spans, opSpans', (t) => {
  const good = program([...GOOD]);
  t.regex(errorsOf(t, { ...good, code: [...GOOD, END] }), /code must be a non-empty Float64Array/);
  t.regex(errorsOf(t, { ...good, exitEntry: 0 }), /exitEntry 0 must be an index/);
  t.regex(errorsOf(t, { ...good, maxLoopDepth: -1 }), /maxLoopDepth -1/);
  t.regex(errorsOf(t, { ...good, strings: [3] }), /strings must be an array of strings/);
  t.regex(errorsOf(t, { ...good, spans: [{ file: 'a', line: 0, column: 1, endLine: 1, endColumn: 1 }] }), /spans must be/);
  t.regex(errorsOf(t, { ...good, opSpans: new Int32Array(3) }), /opSpans must be an Int32Array as long as code/);
  t.regex(errorsOf(t, { ...good, opSpans: new Int32Array(good.code.length).fill(1) }), /opSpans must hold -1 or indexes into spans/);
  t.regex(errorsOf(t, { ...good, pinNames: { 7: 3 } }), /pinNames must be an object of strings/);
  t.regex(errorsOf(t, { ...good, params: null }), /params must be an object of strings/);
});

test('refuses pin tables that are unsorted, off the chip, or not within pins', (t) => {
  t.regex(errorsOf(t, program([...GOOD], { pins: [7, 4, 8, 9, 40] })), /pins must be ascending without repeats \(4 after 7\)/);
  t.regex(errorsOf(t, program([...GOOD], { pins: [4, 7, 8, 9, 58] })), /pins: 58 is not a GPIO of this chip \(0–57\)/);
  t.regex(errorsOf(t, program([...GOOD], { outputs: [7, 11] })), /outputs: GPIO 11 is not in pins/);
  t.regex(errorsOf(t, program([...GOOD], { inputs: 'all' as unknown as number[] })), /inputs must be an array/);
});

test('refuses restore entries that are not whole function-select fields of pins', (t) => {
  t.regex(errorsOf(t, program([...GOOD], { restore: [{ offset: 0x1c, mask: 0x80 }] })), /restore: 0x80 at 0x1c/);
  t.regex(errorsOf(t, program([...GOOD], { restore: [{ offset: 0x00, mask: 0x00600000 }] })), /restore: 0x600000 at 0x0/);
  t.regex(errorsOf(t, program([...GOOD], { restore: [{ offset: 0x04, mask: 0x7 }] })), /restore: 0x7 at 0x4/);
  t.regex(errorsOf(t, program([...GOOD], { restore: [{ offset: 2, mask: 7 }] })), /restore entries must be/);
});

test('refuses unknown opcodes and ops cut off by the end of code', (t) => {
  t.regex(errorsOf(t, program([99, END])), /^pc 0: unknown opcode 99$/m);
  t.regex(errorsOf(t, program([1.5, END])), /pc 0: unknown opcode 1.5/);
  t.regex(errorsOf(t, { ...program([END]), code: Float64Array.from([END, WRITE, 0x1c]), exitEntry: 1, opSpans: new Int32Array(3) }),
    /pc 1: WRITE needs 2 operands but code ends/);
});

test('refuses jumps to operands, backwards, out of range, or across loops and blocks', (t) => {
  t.regex(errorsOf(t, program(edited([35, 39]))), /pc 34: jump target 39 is not the start of a later op/);
  t.regex(errorsOf(t, program(edited([35, 28]))), /pc 34: jump target 28 is not the start of a later op/);
  t.regex(errorsOf(t, program(edited([35, 1000]))), /pc 34: jump target 1000 is not the start of a later op/);
  t.regex(errorsOf(t, program(edited([35, 44]))), /pc 34: jump target 44 leaves or enters a loop or block/);
  t.regex(errorsOf(t, program(edited([33, 10]))), /pc 28: jump target 10 is not the start of a later op/);
  t.regex(errorsOf(t, program([JUMP, 4, END, COMMIT, END], { exitEntry: 3 })), /pc 0: jump target 4 leaves or enters a loop or block/);
  // Into a loop body from before the loop.
  t.regex(errorsOf(t, program([JUMP, 5, LOOP, 2, 9, COMMIT, NEXT, 5, END])), /pc 0: jump target 5 leaves or enters a loop or block/);
});

test('refuses unbalanced loops', (t) => {
  t.regex(errorsOf(t, program([NEXT, 0, END])), /pc 0: NEXT does not close a LOOP/);
  t.regex(errorsOf(t, program([LOOP, 2, 7, COMMIT, NEXT_EVERY, 3, END])), /pc 4: NEXT_EVERY does not close a EVERY/);
  t.regex(errorsOf(t, program([LOOP, 2, 6, COMMIT, END])), /pc 4: END inside a loop/);
  t.regex(errorsOf(t, program([LOOP, 2, 6, COMMIT, COMMIT, COMMIT])), /pc 0: LOOP is never closed/);
  t.regex(errorsOf(t, program(edited([17, 30]))), /pc 26: NEXT ends the LOOP at pc 15, which exits to 30 instead of 28/);
  t.regex(errorsOf(t, program(edited([27, 23]))), /pc 26: NEXT jumps to 23, not to the body of its loop at 18/);
  t.regex(errorsOf(t, program([...GOOD], { maxLoopDepth: 1 })), /pc 15: LOOP nests deeper than maxLoopDepth 1/);
  t.regex(errorsOf(t, program(edited([16, -1]))), /pc 15: LOOP count -1 must be a whole number or Infinity/);
  t.regex(errorsOf(t, program(edited([12, 0]))), /pc 11: EVERY period 0 must be a positive number/);
  // A loop opened in the main program and closed in the exit block.
  t.regex(errorsOf(t, program([LOOP, 2, 6, END, NEXT, 3, END], { exitEntry: 3 })), /pc 3: the exit block starts inside a loop/);
});

test('refuses stores outside the window, misaligned, or into forbidden registers', (t) => {
  t.regex(errorsOf(t, program(edited([5, 0x1d]))), /pc 4: WRITE offset 29 is not an aligned word inside the 4096-byte window/);
  t.regex(errorsOf(t, program(edited([5, 4096]))), /pc 4: WRITE offset 4096 is not an aligned word/);
  t.regex(errorsOf(t, program(edited([5, -4]))), /pc 4: WRITE offset -4 is not an aligned word/);
  t.regex(errorsOf(t, program(edited([5, 0x40]))), /pc 4: WRITE offset 0x40 is a forbidden register/);
  t.regex(errorsOf(t, program(edited([1, 0x4c]))), /pc 0: RMW offset 0x4c is a forbidden register/);
  t.regex(errorsOf(t, program(edited([20, 0x40]))), /pc 18: TOGGLE offset 0x40 is a forbidden register/);
});

test('refuses SET/CLEAR masks with bits of pins outside pins', (t) => {
  t.regex(errorsOf(t, program(edited([6, 0x780]))), /pc 4: WRITE 0x780 at 0x1c has bits of pins outside pins/);
  t.regex(errorsOf(t, program(edited([9, 0x300]))), /pc 7: WRITE 0x300 at 0x2c has bits of pins outside pins/);
  t.regex(errorsOf(t, program(edited([6, 2 ** 32]))), /pc 4: WRITE value 4294967296 is not a 32-bit word/);
});

test('refuses whole-word writes to registers that must be read-modify-written or left alone', (t) => {
  t.regex(errorsOf(t, program(edited([5, 0x00]))), /pc 4: WRITE offset 0x0 is not a register programs may write whole/);
  t.regex(errorsOf(t, program(edited([5, 0x3c]))), /pc 4: WRITE offset 0x3c is not a register programs may write whole/);
  // No pull description in the layout: the pull registers are unknown, so refused.
  const noPull = { ...bcm2835.layout, pull: undefined };
  t.regex(errorsOf(t, program([WRITE, 0x94, 2, COMMIT, END], { layout: noPull, chip: 'bcm2835' })), /pc 0: WRITE offset 0x94 is not a register programs may write whole/);
});

test('refuses RMWs that touch more than whole fields of pins', (t) => {
  t.regex(errorsOf(t, program(edited([2, 0x3fe00001]))), /pc 0: RMW clear mask 0x3fe00001 is not whole fields of pins/);
  t.regex(errorsOf(t, program(edited([2, 0x3f600000]))), /pc 0: RMW clear mask 0x3f600000 is not whole fields of pins/);
  t.regex(errorsOf(t, program(edited([3, 0x09200001]))), /pc 0: RMW sets bits 0x9200001 outside its clear mask 0x3fe00000/);
  t.regex(errorsOf(t, program(edited([1, 0x1c]))), /pc 0: RMW offset 0x1c is not a function-select or pull register/);
  t.regex(errorsOf(t, program([RMW, 0xe4, 0x3, 0x1, COMMIT, END])), /pc 0: RMW clear mask 0x3 is not whole fields of pins/);
});

test('refuses level reads outside inputs or in the wrong bank', (t) => {
  t.regex(errorsOf(t, program(edited([30, 0x20]))), /pc 28: WAIT_LEVEL mask 32 must be bits of pins in inputs/);
  t.regex(errorsOf(t, program(edited([29, 0x1c]))), /pc 28: WAIT_LEVEL offset 28 is not a level register/);
  t.regex(errorsOf(t, program(edited([31, 2]))), /pc 28: WAIT_LEVEL level 2 must be 0 or 1/);
  t.regex(errorsOf(t, program(edited([32, -5]))), /pc 28: WAIT_LEVEL timeout -5 must be -1/);
  t.regex(errorsOf(t, program(edited([20, 0x1c]))), /pc 18: TOGGLE must use the SET and CLEAR registers of its level register's bank/);
  t.regex(errorsOf(t, program(edited([22, 0x80]))), /pc 18: TOGGLE mask 128 must be bits of pins in inputs/);
});

test('refuses bad durations and string indexes', (t) => {
  t.regex(errorsOf(t, program(edited([25, 0]))), /pc 24: WAIT duration 0 must be a positive number/);
  t.regex(errorsOf(t, program(edited([25, NaN]))), /pc 24: WAIT duration NaN/);
  t.regex(errorsOf(t, program(edited([41, 2e9]))), /pc 40: SPIN duration 2000000000 must be 0 to 1000000000 ns/);
  t.regex(errorsOf(t, program(edited([37, 1]))), /pc 36: LOG string 1 is not in the string table/);
  t.regex(errorsOf(t, program(edited([39, -1]))), /pc 38: MARK string -1 is not in the string table/);
});

test('refuses a pull code GPPUD does not take', (t) => {
  const p = program([WRITE, 0x94, 3, COMMIT, END], { chip: 'bcm2835', layout: bcm2835.layout });
  t.regex(errorsOf(t, p), /pc 0: WRITE 0x3 at 0x94 is not a pull code/);
});

test('refuses blocks that do not end with END where they should', (t) => {
  t.regex(errorsOf(t, program([COMMIT, COMMIT], { exitEntry: 1 })), /the main program must end with END right before exitEntry/);
  t.regex(errorsOf(t, { ...program([END]), code: Float64Array.from([END, COMMIT]), opSpans: new Int32Array(2) }), /code must end with END/);
  t.regex(errorsOf(t, program([WAIT, 5, END], { exitEntry: 1 })), /exitEntry 1 is not the start of an op/);
});

test('lists at most 50 errors', (t) => {
  const result = validateProgram(program([...Array.from({ length: 80 }, () => [WRITE, 0x40, 1]).flat(), END]));
  t.false(result.ok);
  if (!result.ok) {
    t.is(result.errors.length, 51);
    t.is(result.errors[50], '… and more');
  }
});
