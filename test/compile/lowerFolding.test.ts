import test, { type ExecutionContext } from 'ava';
import { Op } from '../../runtime/program/program.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { alt, at, clear, input, instant, lowerOk, ops, out, script, set, toggle } from './_irBuilders.js';

/** The ops of the first instant of a one-instant script, without its COMMIT and the two ENDs. */
function instantOps(t: ExecutionContext, actions: Parameters<typeof instant>, chip = bcm2711): number[][] {
  const all = ops(lowerOk(t, script([instant(...actions)]), chip).code);
  t.deepEqual(all.slice(-3), [[Op.COMMIT], [Op.END], [Op.END]]);
  return all.slice(0, -3);
}

test('per bank at most one SET and one CLEAR write; each pin\'s final action wins', (t) => {
  t.deepEqual(instantOps(t, [set([7, 8]), clear(7), clear(9), set(9), clear(10)]), [
    [Op.WRITE, 0x1c, 0x300],
    [Op.WRITE, 0x28, 0x480],
  ]);
});

test('sets and clears in two banks: bank 0 writes, then bank 1 writes', (t) => {
  t.deepEqual(instantOps(t, [set(40), clear(3), set(1), clear(33)]), [
    [Op.WRITE, 0x1c, 0x2],
    [Op.WRITE, 0x28, 0x8],
    [Op.WRITE, 0x20, 0x100],
    [Op.WRITE, 0x2c, 0x2],
  ]);
});

test('levels go before function select: set 7; out 7 raises pin 7 as an output with no low glitch', (t) => {
  t.deepEqual(instantOps(t, [set(7), out(7)]), [
    [Op.WRITE, 0x1c, 0x80],
    [Op.RMW, 0x00, 0x00e00000, 0x00200000],
  ]);
  t.deepEqual(instantOps(t, [out(7), set(7)]), instantOps(t, [set(7), out(7)]));
});

test('several pins in one function-select word share one RMW with the combined masks', (t) => {
  t.deepEqual(instantOps(t, [out(2), input(5), alt(0, 0), out(9)]), [
    [Op.RMW, 0x00, 0x380381c7, 0x08000044],
  ]);
});

test('a pin whose function changes twice in one instant gets the last function only', (t) => {
  t.deepEqual(instantOps(t, [out(14), alt(0, 14)]), [[Op.RMW, 0x04, 0x00007000, 0x00004000]]);
});

test('alternate functions use the datasheet codes (ALT0 = 100 … ALT5 = 010)', (t) => {
  t.deepEqual(instantOps(t, [alt(0, 10), alt(1, 11), alt(2, 12), alt(3, 13), alt(4, 14), alt(5, 15)]), [
    [Op.RMW, 0x04, 0x0003ffff, 0b010_011_111_110_101_100],
  ]);
});

test('bcm2711 pulls: one RMW of the 2-bit fields per GPIO_PUP_PDN_CNTRL_REGn, after function select', (t) => {
  t.deepEqual(instantOps(t, [input(7, 'up'), input(20, 'down'), input(21, 'none'), input(3)]), [
    [Op.RMW, 0x00, 0x00e00e00, 0],
    [Op.RMW, 0x08, 0x0000003f, 0],
    // Pin 7: bits 14..15 = 01 (up). Pins 20, 21: bits 8..11 of REG1 = 00 (none), 10 (down).
    [Op.RMW, 0xe4, 0x0000c000, 0x00004000],
    [Op.RMW, 0xe8, 0x00000f00, 0x00000200],
  ]);
});

test('bcm2835 pulls: GPPUD, settle, clock, settle, GPPUD off, clock off', (t) => {
  t.deepEqual(instantOps(t, [input([4, 5], 'up')], bcm2835), [
    [Op.RMW, 0x00, 0x0003f000, 0],
    [Op.WRITE, 0x94, 2],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x98, 0x30],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x94, 0],
    [Op.WRITE, 0x98, 0],
  ]);
});

test('bcm2835 pulls of two kinds need two sequences; both banks are clocked together', (t) => {
  t.deepEqual(instantOps(t, [input(4, 'down'), input(40, 'down'), input(6, 'none')], bcm2835).slice(2), [
    [Op.WRITE, 0x94, 1],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x98, 0x10],
    [Op.WRITE, 0x9c, 0x100],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x94, 0],
    [Op.WRITE, 0x98, 0],
    [Op.WRITE, 0x9c, 0],
    [Op.WRITE, 0x94, 0],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x98, 0x40],
    [Op.SPIN, 10_000],
    [Op.WRITE, 0x94, 0],
    [Op.WRITE, 0x98, 0],
  ]);
});

test('a toggle of an unknown level is one TOGGLE per bank, after the level writes', (t) => {
  t.deepEqual(instantOps(t, [toggle([4, 5]), set(6), toggle(40)]), [
    [Op.WRITE, 0x1c, 0x40],
    [Op.TOGGLE, 0x34, 0x1c, 0x28, 0x30],
    [Op.TOGGLE, 0x38, 0x20, 0x2c, 0x100],
  ]);
});

test('within one instant, a toggle after a set becomes a clear; two unknown toggles cancel out', (t) => {
  t.deepEqual(instantOps(t, [set(7), toggle(7), toggle([8, 9]), toggle(8)]), [
    [Op.WRITE, 0x28, 0x80],
    [Op.TOGGLE, 0x34, 0x1c, 0x28, 0x200],
  ]);
  const p = lowerOk(t, script([instant(toggle(4), toggle(4))]), bcm2711);
  t.deepEqual(ops(p.code), [[Op.END], [Op.END]]);
});

test('a combined write carries the span of the earliest action in it', (t) => {
  const p = lowerOk(t, script([instant(set(9, at(3, 5)), set(8, at(2, 1)), clear(9, at(4, 1)))]), bcm2711);
  // Pin 9's set was overridden by its clear at 4:1, so the SET write is pin 8's alone (2:1).
  t.like(p.spans[p.opSpans[0]!], { line: 2, column: 1 });
  t.like(p.spans[p.opSpans[3]!], { line: 4, column: 1 });
});
