import test, { type ExecutionContext } from 'ava';
import { Op } from '../../runtime/program/program.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import type { IrNode } from '../../src/compile/ir.js';
import { alt, clear, input, instant, lowerOk, ops, out, repeat, script, set, toggle, wait, waitUntil } from './_irBuilders.js';

const SET0 = [Op.WRITE, 0x1c, 0x80];
const CLR0 = [Op.WRITE, 0x28, 0x80];
const TOGGLE7 = [Op.TOGGLE, 0x34, 0x1c, 0x28, 0x80];

/** The level ops for pin 7 in program order: precomputed writes or runtime toggles. */
function pin7Ops(t: ExecutionContext, body: readonly IrNode[], onExit: readonly IrNode[] = []): number[][] {
  const program = lowerOk(t, script([instant(out(7)), ...body], { onExit }), bcm2711);
  return ops(program.code).filter((op) => op[0] === Op.WRITE || op[0] === Op.TOGGLE);
}

test('a toggle after a set, in a later instant, is a precomputed clear', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7)), wait(1), instant(toggle(7)), wait(1), instant(toggle(7))]), [SET0, CLR0, SET0]);
});

test('a toggle of a pin whose level was never set reads the level at run time', (t) => {
  t.deepEqual(pin7Ops(t, [instant(toggle(7)), wait(1), instant(toggle(7))]), [TOGGLE7, TOGGLE7]);
});

test('in and alt make the level unknown; out keeps it', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7)), wait(1), instant(input(7)), instant(out(7)), instant(toggle(7))]), [SET0, TOGGLE7]);
  t.deepEqual(pin7Ops(t, [instant(set(7)), wait(1), instant(alt(0, 7)), instant(out(7)), instant(toggle(7))]), [SET0, TOGGLE7]);
  t.deepEqual(pin7Ops(t, [instant(set(7)), wait(1), instant(out(7)), instant(toggle(7))]), [SET0, CLR0]);
});

test('a loop whose body toggles once: the level at the loop head is unknown', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7)), repeat(10, [instant(toggle(7)), wait(1)])]), [SET0, TOGGLE7]);
});

test('a loop whose body toggles twice returns to its entry level: both toggles are precomputed', (t) => {
  t.deepEqual(pin7Ops(t, [instant(clear(7)), repeat(10, [instant(toggle(7)), wait(1), instant(toggle(7)), wait(1)])]), [CLR0, SET0, CLR0]);
});

test('a loop that drives the level itself knows it inside the body even when unknown on entry', (t) => {
  t.deepEqual(pin7Ops(t, [repeat(Infinity, [instant(set(7)), wait(1), instant(toggle(7)), wait(1)])]), [SET0, CLR0]);
});

test('after a loop the level is what its body leaves; after a loop that may not run, only what both paths agree on', (t) => {
  t.deepEqual(pin7Ops(t, [instant(clear(7)), repeat(3, [instant(set(7)), wait(1)]), instant(toggle(7))]), [CLR0, SET0, CLR0]);
  // Count 0: the body never runs, so the entry level survives.
  t.deepEqual(pin7Ops(t, [instant(clear(7)), repeat(0, [instant(set(7)), wait(1)]), instant(toggle(7))]), [CLR0, SET0, SET0]);
});

test('nested loops reach a fixpoint: an inner loop that toggles once forgets the level in the outer loop too', (t) => {
  t.deepEqual(pin7Ops(t, [
    instant(set(7)),
    repeat(2, [repeat(3, [instant(toggle(7)), wait(1)]), instant(toggle(7)), wait(1)]),
  ]), [SET0, TOGGLE7, TOGGLE7]);
});

test('a wait-until else block merges by equality: the same level on both paths stays known', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7)), waitUntil(4, 1, 1e6, [instant(set(7))]), instant(toggle(7))]), [SET0, SET0, CLR0]);
  t.deepEqual(pin7Ops(t, [instant(set(7)), waitUntil(4, 1, 1e6, [instant(clear(7))]), instant(toggle(7))]), [SET0, CLR0, TOGGLE7]);
});

test('the else block starts with the levels known before the wait', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7)), waitUntil(4, 1, 1e6, [instant(toggle(7))])]), [SET0, CLR0]);
});

test('the exit block starts with every level unknown, since it can run after any op', (t) => {
  t.deepEqual(pin7Ops(t, [instant(set(7))], [instant(toggle(7))]), [SET0, TOGGLE7]);
});

test('only toggles left for the run time make a pin an input', (t) => {
  const known = lowerOk(t, script([instant(set(7)), wait(1), instant(toggle(7))]), bcm2711);
  t.deepEqual(known.inputs, []);
  const unknown = lowerOk(t, script([instant(toggle(7))]), bcm2711);
  t.deepEqual(unknown.inputs, [7]);
});
