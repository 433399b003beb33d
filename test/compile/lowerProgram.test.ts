import test from 'ava';
import { Op } from '../../runtime/program/program.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { lowerProgram } from '../../src/compile/lowerProgram.js';
import { at, clear, every, FILE, instant, log, lowerOk, ops, out, repeat, script, set, toggle, wait, waitUntil } from './_irBuilders.js';

/** The design card's one-liner, `out 7..11; repeat 5 < set 7..11; wait 250ms; clear 7..11 >`, as the elaborator builds it. */
function oneLiner() {
  return script([
    instant(out([7, 8, 9, 10, 11], at(1, 1, 9))),
    repeat(5, [
      instant(set([7, 8, 9, 10, 11], at(1, 23, 9))),
      wait(250e6, at(1, 34, 10)),
      instant(clear([7, 8, 9, 10, 11], at(1, 46, 11))),
    ], at(1, 12, 47)),
  ]);
}

test('the one-liner lowers to exactly these ops', (t) => {
  const p = lowerOk(t, oneLiner(), bcm2711);
  t.deepEqual(ops(p.code), [
    // Pins 7, 8, 9 are GPFSEL0 bits 21..29; 10, 11 are GPFSEL1 bits 0..5; output = 001.
    [Op.RMW, 0x00, 0x3fe00000, 0x09200000],
    [Op.RMW, 0x04, 0x0000003f, 0x00000009],
    [Op.COMMIT],
    [Op.LOOP, 5, 24],
    [Op.WRITE, 0x1c, 0xf80],
    [Op.COMMIT],
    [Op.WAIT, 250_000_000],
    [Op.WRITE, 0x28, 0xf80],
    [Op.COMMIT],
    [Op.NEXT, 12],
    [Op.END],
    [Op.END],
  ]);
  t.is(p.exitEntry, 25);
  t.is(p.maxLoopDepth, 1);
  t.is(p.chip, 'bcm2711');
  t.is(p.layout, bcm2711.layout);
});

test('the one-liner lowers to the same code for the BCM2835, whose level and function registers match', (t) => {
  t.deepEqual(lowerOk(t, oneLiner(), bcm2835).code, lowerOk(t, oneLiner(), bcm2711).code);
});

test('every op start points at its source span; operand slots hold -1', (t) => {
  const p = lowerOk(t, oneLiner(), bcm2711);
  const spanAt = (pc: number) => p.spans[p.opSpans[pc]!];
  t.is(p.opSpans.length, p.code.length);
  t.like(spanAt(0), { file: FILE, line: 1, column: 1, endLine: 1, endColumn: 10 });
  t.like(spanAt(9), { line: 1, column: 12 });
  t.like(spanAt(12), { line: 1, column: 23 });
  t.like(spanAt(16), { line: 1, column: 34 });
  t.like(spanAt(18), { line: 1, column: 46 });
  t.like(spanAt(22), { line: 1, column: 12 });
  t.deepEqual([1, 2, 3, 5, 6, 7].map((pc) => p.opSpans[pc]), [-1, -1, -1, -1, -1, -1]);
  // The two RMWs and their COMMIT share one span entry.
  t.is(p.opSpans[0], p.opSpans[4]);
  t.is(p.opSpans[0], p.opSpans[8]);
  t.deepEqual(Object.keys(p.spans[0]!).sort(), ['column', 'endColumn', 'endLine', 'file', 'line']);
});

test('a million-iteration loop stays a loop: the program is the size of its body', (t) => {
  const p = lowerOk(t, script([repeat(1_000_000, [instant(set(7)), wait(1000), instant(clear(7)), wait(1000)])]), bcm2711);
  t.deepEqual(ops(p.code)[0], [Op.LOOP, 1_000_000, 17]);
  t.is(p.code.length, 19);
});

test('forever is a loop with an infinite count', (t) => {
  const p = lowerOk(t, script([repeat(Infinity, [instant(toggle(4)), wait(1e6)])]), bcm2711);
  t.deepEqual(ops(p.code)[0], [Op.LOOP, Infinity, 13]);
});

test('every lowers to EVERY period count exitPc … NEXT_EVERY bodyPc', (t) => {
  const p = lowerOk(t, script([every(20e6, 50, [instant(set(4)), wait(1e6), instant(clear(4))])]), bcm2711);
  t.deepEqual(ops(p.code), [
    [Op.EVERY, 20_000_000, 50, 16],
    [Op.WRITE, 0x1c, 0x10],
    [Op.COMMIT],
    [Op.WAIT, 1_000_000],
    [Op.WRITE, 0x28, 0x10],
    [Op.COMMIT],
    [Op.NEXT_EVERY, 4],
    [Op.END],
    [Op.END],
  ]);
});

test('nested loops patch each exit past its own NEXT and count the depth', (t) => {
  const p = lowerOk(t, script([repeat(2, [repeat(3, [instant(toggle(7)), wait(1e6)]), wait(1e6)])]), bcm2711);
  t.deepEqual(ops(p.code), [
    [Op.LOOP, 2, 20],
    [Op.LOOP, 3, 16],
    [Op.TOGGLE, 0x34, 0x1c, 0x28, 0x80],
    [Op.COMMIT],
    [Op.WAIT, 1e6],
    [Op.NEXT, 6],
    [Op.WAIT, 1e6],
    [Op.NEXT, 3],
    [Op.END],
    [Op.END],
  ]);
  t.is(p.maxLoopDepth, 2);
});

test('wait until with an else block: the normal path jumps over the else code', (t) => {
  const p = lowerOk(t, script([
    instant(out(7)),
    waitUntil(4, 1, 5e8, [instant(set(7)), log('no button')]),
    instant(clear(7)),
  ]), bcm2711);
  t.deepEqual(ops(p.code), [
    [Op.RMW, 0x00, 0x00e00000, 0x00200000],
    [Op.COMMIT],
    [Op.WAIT_LEVEL, 0x34, 0x10, 1, 500_000_000, 13],
    [Op.JUMP, 19],
    [Op.WRITE, 0x1c, 0x80],
    [Op.COMMIT],
    [Op.LOG, 0],
    [Op.WRITE, 0x28, 0x80],
    [Op.COMMIT],
    [Op.END],
    [Op.END],
  ]);
  t.deepEqual(p.strings, ['no button']);
  t.deepEqual(p.inputs, [4]);
});

test('wait until without a timeout has no else target; a timeout without else fails the run (-1)', (t) => {
  const p = lowerOk(t, script([waitUntil(33, 0), waitUntil(5, 1, 1e9)]), bcm2711);
  t.deepEqual(ops(p.code), [
    [Op.WAIT_LEVEL, 0x38, 0x2, 0, -1, -1],
    [Op.WAIT_LEVEL, 0x34, 0x20, 1, 1e9, -1],
    [Op.END],
    [Op.END],
  ]);
});

test('an empty else block continues right after the wait; an else with no timeout is dropped', (t) => {
  const p = lowerOk(t, script([waitUntil(5, 1, 1e6, []), waitUntil(6, 1, undefined, [instant(set(7))])]), bcm2711);
  t.deepEqual(ops(p.code), [
    [Op.WAIT_LEVEL, 0x34, 0x20, 1, 1e6, 6],
    [Op.WAIT_LEVEL, 0x34, 0x40, 1, -1, -1],
    [Op.END],
    [Op.END],
  ]);
});

test('log and mark index one deduplicated string table', (t) => {
  const p = lowerOk(t, script([log('hello'), log('again', 'mark'), log('hello', 'mark'), log('again')]), bcm2711);
  t.deepEqual(ops(p.code), [[Op.LOG, 0], [Op.MARK, 1], [Op.MARK, 0], [Op.LOG, 1], [Op.END], [Op.END]]);
  t.deepEqual(p.strings, ['hello', 'again']);
});

test('the exit block follows the main END and ends with its own END', (t) => {
  const p = lowerOk(t, script([instant(out(7)), repeat(Infinity, [instant(toggle(7)), wait(1e6)])], {
    onExit: [instant(clear(7, at(9, 10)))],
  }), bcm2711);
  t.is(p.exitEntry, 19);
  t.deepEqual(ops(p.code.subarray(p.exitEntry)), [[Op.WRITE, 0x28, 0x80], [Op.COMMIT], [Op.END]]);
  t.like(p.spans[p.opSpans[p.exitEntry]!], { line: 9, column: 10 });
});

test('an instant with no actions emits nothing, and wait 0 no op', (t) => {
  const p = lowerOk(t, script([instant(), wait(0), instant(set(7))]), bcm2711);
  t.deepEqual(ops(p.code), [[Op.WRITE, 0x1c, 0x80], [Op.COMMIT], [Op.END], [Op.END]]);
});

test('an empty script is END END', (t) => {
  const p = lowerOk(t, script([]), bcm2835);
  t.deepEqual(Array.from(p.code), [Op.END, Op.END]);
  t.is(p.exitEntry, 1);
  t.is(p.maxLoopDepth, 0);
  t.like(p.spans[p.opSpans[0]!], { file: FILE, line: 1, column: 1 });
});

test('pins of bank 1 use GPSET1/GPCLR1/GPLEV1 with the bank-relative bit (pin 40 → bit 8)', (t) => {
  const p = lowerOk(t, script([instant(set(40)), wait(1), instant(clear([40, 57])), waitUntil(41, 1)]), bcm2711);
  t.deepEqual(ops(p.code).slice(0, 6), [
    [Op.WRITE, 0x20, 0x100],
    [Op.COMMIT],
    [Op.WAIT, 1],
    [Op.WRITE, 0x2c, 0x02000100],
    [Op.COMMIT],
    [Op.WAIT_LEVEL, 0x38, 0x200, 1, -1, -1],
  ]);
});

test('pin 31, the top bit of bank 0, is stored as an unsigned mask', (t) => {
  const p = lowerOk(t, script([instant(set(31))]), bcm2711);
  t.deepEqual(ops(p.code)[0], [Op.WRITE, 0x1c, 0x80000000]);
});

test('restore lists each function-select word the program changes, main or exit, with exactly those fields', (t) => {
  const p = lowerOk(t, script([instant(out([7, 11])), instant(set(4))], { onExit: [instant(out(22))] }), bcm2711);
  t.deepEqual(p.restore, [
    { offset: 0x00, mask: 0x00e00000 },
    { offset: 0x04, mask: 0x00000038 },
    { offset: 0x08, mask: 0x000001c0 },
  ]);
});

test('pins are the pins used, ascending; outputs are the pins made outputs; inputs the pins read', (t) => {
  const p = lowerOk(t, script([instant(out([11, 7])), instant(set(9)), waitUntil(4, 1), instant(toggle(20))], {
    onExit: [instant(clear(2))],
  }), bcm2711);
  t.deepEqual(p.pins, [2, 4, 7, 9, 11, 20]);
  t.deepEqual(p.outputs, [7, 11]);
  t.deepEqual(p.inputs, [4, 20]);
});

test('with allow, pins is the allow list', (t) => {
  const p = lowerOk(t, script([instant(set(7))], { allow: [9, 7, 8, 9] }), bcm2711);
  t.deepEqual(p.pins, [7, 8, 9]);
});

test('pin names are keyed by pin number as text; params are rendered as written', (t) => {
  const p = lowerOk(t, script([instant(set(7))], {
    pinNames: { 7: 'bar[0]', 8: 'bar[1]', 4: 'button' },
    params: {
      count: { type: 'int', value: 10 },
      on: { type: 'duration', ns: 250e6 },
      bar: { type: 'pins', pins: [7, 8, 9, 10, 11] },
      odd: { type: 'pins', pins: [7, 9] },
    },
  }), bcm2711);
  t.deepEqual(p.pinNames, { '4': 'button', '7': 'bar[0]', '8': 'bar[1]' });
  t.deepEqual(p.params, { count: '10', on: '250ms', bar: '7..11', odd: '7,9' });
});

test('lowering does not change the IR it is given', (t) => {
  const ir = script([instant(set(7)), wait(1), instant(toggle(7))]);
  const before = JSON.stringify(ir);
  lowerProgram(ir, bcm2711);
  t.is(JSON.stringify(ir), before);
});
