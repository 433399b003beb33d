/**
 * The executor's semantics, run inline on the simulator in virtual time so every time
 * is exact: instants, loops, `every` overruns, `wait until`, the exit block, restore,
 * events, and the run errors it reports with their op pc.
 */
import test from 'ava';
import { BackendError } from '../../runtime/backends/backend.js';
import { SimBackend, type SimSpec } from '../../runtime/backends/sim/simBackend.js';
import { Op } from '../../runtime/program/program.js';
import { runInline } from '../../runtime/run/runInline.js';
import type { RunEvent } from '../../runtime/run/runResult.js';
import { type Asm, assemble, clear, fselOffset, LAYOUT, mask, mode, ms, out, set, toggle, waitLevel } from '../_helpers/assemble.js';

const virtual = (extra: Partial<SimSpec> = {}): SimSpec => ({ kind: 'sim', clock: 'virtual', ...extra });
const C: Asm = ['COMMIT'];
const wait = (ns: number): Asm => ['WAIT', ns];

test('a loop of waits puts every edge exactly on the schedule', (t) => {
  const p = assemble([out(7), C, ['LOOP', 3, [set(7), C, wait(ms(2)), clear(7), C, wait(ms(3))]]]);
  const r = runInline(p, { backend: virtual() });
  t.is(r.status, 'ended');
  t.deepEqual(r.edges, [
    { atNs: 0, pin: 7, level: 1 }, { atNs: ms(2), pin: 7, level: 0 },
    { atNs: ms(5), pin: 7, level: 1 }, { atNs: ms(7), pin: 7, level: 0 },
    { atNs: ms(10), pin: 7, level: 1 }, { atNs: ms(12), pin: 7, level: 0 },
  ]);
  t.is(r.instants, 7);
  t.is(r.elapsedNs, ms(15));
  t.deepEqual(r.lateness, { maxNs: 0, p99Ns: 0, over: 0, thresholdNs: 100_000, samples: 6 });
});

test('nested loops repeat their bodies and a zero count skips the body', (t) => {
  const p = assemble([out(7), C, ['LOOP', 2, [['LOOP', 3, [toggle(7), C, wait(ms(1))]]]], ['LOOP', 0, [set(7), C, wait(ms(1))]]]);
  const r = runInline(p, { backend: virtual() });
  t.deepEqual(r.edges!.map((e) => [e.atNs / ms(1), e.level]), [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 0]]);
  t.is(r.elapsedNs, ms(6));
});

test('level writes then a mode change in one instant raise the pin with no low glitch', (t) => {
  const p = assemble([set(7), out(7), C, wait(ms(1))]);
  const r = runInline(p, { backend: virtual(), keep: true });
  t.deepEqual(r.edges, [{ atNs: 0, pin: 7, level: 1 }]);
});

test('a bus write sets and clears several pins in one instant', (t) => {
  const p = assemble([out(4), out(5), out(6), C, ['WRITE', LAYOUT.set[0]!, mask(4, 6)], ['WRITE', LAYOUT.clear[0]!, mask(5)], C, wait(ms(1)),
    ['WRITE', LAYOUT.set[0]!, mask(5)], ['WRITE', LAYOUT.clear[0]!, mask(4, 6)], C]);
  const r = runInline(p, { backend: virtual(), keep: true });
  t.deepEqual(r.edges, [
    { atNs: 0, pin: 4, level: 1 }, { atNs: 0, pin: 6, level: 1 },
    { atNs: ms(1), pin: 4, level: 0 }, { atNs: ms(1), pin: 5, level: 1 }, { atNs: ms(1), pin: 6, level: 0 },
  ]);
});

test('a runtime toggle and a set of another pin in the same instant both take effect', (t) => {
  // On a buffered backend both ops store into GPSET0: the stores must accumulate.
  const p = assemble([out(7), out(8), C, toggle(7), set(8), C, wait(ms(1)), set(8), toggle(7), C]);
  const r = runInline(p, { backend: virtual(), keep: true });
  t.deepEqual(r.edges, [{ atNs: 0, pin: 7, level: 1 }, { atNs: 0, pin: 8, level: 1 }, { atNs: ms(1), pin: 7, level: 0 }]);
});

test('an every loop reports each overrun and keeps later iterations on the grid', (t) => {
  const events: RunEvent[] = [];
  // Period 10 ms; the first body takes 15 ms, the others 2 ms.
  const p = assemble([out(7), C, ['EVERY', ms(10), 4, [toggle(7), C, ['WAIT_LEVEL', LAYOUT.level[0]!, mask(9), 1, ms(15), []], wait(ms(2))]]], { pins: [9] });
  const r = runInline(p, { backend: virtual({ inputs: [{ atNs: ms(12), pin: 9, level: 1 }] }), keep: true, onEvent: (e) => events.push(e) });
  const everyEnd = p.code.indexOf(Op.NEXT_EVERY);
  // Iteration 0: toggle at 0, wait until 9 high (at 12 ms), then 2 ms: ends at 14 > 10 → overrun 4 ms.
  // Iteration 1 starts late at 14; iteration 2 back on the grid at 20, iteration 3 at 30; the loop ends at 40.
  t.is(r.status, 'ended');
  t.deepEqual(events, [{ type: 'overrun', pc: everyEnd, iteration: 0, lateNs: ms(4) }]);
  t.is(r.overruns, 1);
  t.deepEqual(r.edges!.filter((e) => e.pin === 7).map((e) => e.atNs), [0, ms(14), ms(20), ms(30)]);
  t.is(r.elapsedNs, ms(40));
});

test('an every loop whose body waits longer than the period overruns every iteration', (t) => {
  const p = assemble([out(7), C, ['EVERY', ms(10), 3, [toggle(7), C, wait(ms(15))]]]);
  const events: RunEvent[] = [];
  const r = runInline(p, { backend: virtual(), keep: true, onEvent: (e) => events.push(e) });
  t.is(r.status, 'ended');
  t.deepEqual(events.map((e) => (e.type === 'overrun' ? [e.iteration, e.lateNs] : e.type)), [[0, ms(5)], [1, ms(10)], [2, ms(15)]]);
  t.deepEqual(r.edges!.map((e) => e.atNs), [0, ms(15), ms(30)]);
  t.is(r.elapsedNs, ms(45));
});

test('wait until returns when the input arrives and re-anchors the schedule there', (t) => {
  const p = assemble([out(7), C, waitLevel(9, 1), set(7), C, wait(ms(1)), clear(7), C]);
  const r = runInline(p, { backend: virtual({ inputs: [{ atNs: ms(3.5), pin: 9, level: 1 }] }), keep: true });
  t.is(r.status, 'ended');
  t.deepEqual(r.edges, [{ atNs: ms(3.5), pin: 9, level: 1 }, { atNs: ms(3.5), pin: 7, level: 1 }, { atNs: ms(4.5), pin: 7, level: 0 }]);
});

test('wait until low is met at once when the input is already low', (t) => {
  const p = assemble([out(7), C, waitLevel(9, 0, ms(5)), set(7), C]);
  const r = runInline(p, { backend: virtual(), keep: true });
  t.deepEqual(r.edges, [{ atNs: 0, pin: 7, level: 1 }]);
});

test('a wait until timeout runs the else block at the deadline', (t) => {
  const p = assemble([out(7), C, waitLevel(9, 1, ms(2), [set(7), C]), wait(ms(1)), clear(7), C]);
  const r = runInline(p, { backend: virtual(), keep: true });
  t.is(r.status, 'ended');
  t.deepEqual(r.edges, [{ atNs: ms(2), pin: 7, level: 1 }, { atNs: ms(3), pin: 7, level: 0 }]);
});

test('an input on an output pin is ignored by wait until', (t) => {
  const p = assemble([out(9), C, waitLevel(9, 1, ms(5), [])], { exit: [] });
  const r = runInline(p, { backend: virtual({ inputs: [{ atNs: ms(1), pin: 9, level: 1 }] }), keep: true });
  t.is(r.status, 'ended');
  t.is(r.elapsedNs, ms(5));
  t.deepEqual(r.edges, []);
});

test('a wait until timeout without else fails the run at that op, after the exit block runs', (t) => {
  const p = assemble([out(7), C, set(7), C, waitLevel(9, 1, ms(2))], { exit: [clear(7), C] });
  const r = runInline(p, { backend: virtual() });
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_WAIT_TIMEOUT');
  t.is(r.error?.pc, p.code.indexOf(Op.WAIT_LEVEL));
  t.true(r.exitRan);
  t.deepEqual(r.edges, [{ atNs: 0, pin: 7, level: 1 }, { atNs: ms(2), pin: 7, level: 0 }]);
});

test('a wait until with no timeout and no input to come fails in virtual time instead of hanging', (t) => {
  const p = assemble([waitLevel(9, 1)]);
  const r = runInline(p, { backend: virtual() });
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_WAIT_FOREVER');
  t.is(r.error?.pc, 0);
});

test('a forever loop without time passing fails in virtual time', (t) => {
  const p = assemble([out(7), C, ['LOOP', Infinity, [toggle(7), C]]]);
  const r = runInline(p, { backend: virtual() });
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_NO_PROGRESS');
  t.is(r.error?.pc, p.code.indexOf(Op.NEXT));
});

test('forNs stops a forever loop at the limit; the exit block still runs', (t) => {
  const p = assemble([out(7), C, ['LOOP', Infinity, [toggle(7), C, wait(ms(4))]]], { exit: [clear(7), C] });
  const r = runInline(p, { backend: virtual(), forNs: ms(10) });
  t.is(r.status, 'stopped');
  t.true(r.exitRan);
  t.deepEqual(r.edges!.map((e) => [e.atNs, e.level]), [[0, 1], [ms(4), 0], [ms(8), 1], [ms(10), 0]]);
});

test('the exit block runs once when the program ends', (t) => {
  const p = assemble([out(7), C, set(7), C, wait(ms(1))], { exit: [['MARK', 'bye'], clear(7), C, wait(ms(1))] });
  const r = runInline(p, { backend: virtual() });
  t.true(r.exitRan);
  t.deepEqual(r.marks, [{ atNs: ms(1), text: 'bye' }]);
  t.deepEqual(r.edges!.map((e) => [e.atNs, e.level]), [[0, 1], [ms(1), 0]]);
  t.is(r.elapsedNs, ms(2));
});

test('function select is restored to its pre-run value, other fields untouched', (t) => {
  // Pin 8 starts as ALT0 (0b100), pin 9 as output; the program makes 7 and 8 outputs.
  const before = (0b100 << 24) | (0b001 << 27);
  const sim = new SimBackend(virtual({ registers: [[fselOffset(7), before]] }));
  const p = assemble([out(7), out(8), C, wait(ms(1))]);
  runInline(p, { backend: sim });
  t.is(sim.model!.regs[fselOffset(7) >>> 2], before);
  runInline(p, { backend: sim, keep: true });
  t.is(sim.model!.regs[fselOffset(7) >>> 2], (0b001 << 21) | (0b001 << 24) | (0b001 << 27));
});

test('a restored output that was high falls when it goes back to input', (t) => {
  const p = assemble([out(7), C, set(7), C, wait(ms(1))]);
  t.deepEqual(runInline(p, { backend: virtual() }).edges, [{ atNs: 0, pin: 7, level: 1 }, { atNs: ms(1), pin: 7, level: 0 }]);
  t.deepEqual(runInline(p, { backend: virtual(), keep: true }).edges, [{ atNs: 0, pin: 7, level: 1 }]);
});

test('log and mark events carry their text, time and pc, in order', (t) => {
  const events: RunEvent[] = [];
  const p = assemble([['LOG', 'start'], wait(ms(2)), ['MARK', 'half'], ['LOG', 'start']]);
  const r = runInline(p, { backend: virtual(), onEvent: (e) => events.push(e) });
  t.deepEqual(events, [
    { type: 'log', text: 'start', atNs: 0, pc: 0 },
    { type: 'mark', text: 'half', atNs: ms(2), pc: 4 },
    { type: 'log', text: 'start', atNs: ms(2), pc: 6 },
  ]);
  t.deepEqual(r.marks, [{ atNs: ms(2), text: 'half' }]);
});

test('a program the validator refuses never runs', (t) => {
  // GPEDS0 (0x40) is event detect: the kernel's, never ours.
  const p = assemble([out(7), C, ['WRITE', 0x40, 1], C]);
  const r = runInline(p, { backend: virtual() });
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_PROGRAM_INVALID');
  t.is(r.error?.pc, -1);
  t.false(r.exitRan);
  t.is(r.instants, 0);
});

test('a pull sequence spins without moving the schedule', (t) => {
  const p = assemble([out(7), C, ['SPIN', 10_000], set(7), C, wait(ms(1)), clear(7), C], { exit: [] });
  const r = runInline(p, { backend: virtual(), keep: true });
  t.deepEqual(r.edges!.map((e) => e.atNs), [0, ms(1)]);
});

test('alternate functions read back exactly and do not drive the level', (t) => {
  const sim = new SimBackend(virtual());
  const p = assemble([mode(7, 0b100), set(7), C, wait(ms(1))]);
  const r = runInline(p, { backend: sim, keep: true });
  t.deepEqual(r.edges, []);
  t.is(sim.model!.functionOf(7), 0b100);
});

test('a backend exception fails the run at the op that flushed, and the exit block still runs', (t) => {
  let flushes = 0;
  const regs = new Uint32Array(LAYOUT.windowBytes / 4);
  const backend = {
    name: 'sim' as const,
    open: () => ({
      name: 'flaky',
      regs,
      flush: () => {
        if (++flushes === 2) throw new Error('line request lost');
      },
      refresh: null,
      close: () => undefined,
    }),
  };
  const p = assemble([out(7), C, set(7), C, clear(7), C], { exit: [clear(7), C] });
  const r = runInline(p, { backend });
  t.is(r.status, 'failed');
  // RMW (4 slots), COMMIT at 4, WRITE (3 slots), COMMIT at 8: the second flush threw.
  t.deepEqual(r.error, { code: 'E_BACKEND', message: 'line request lost', pc: 8, fix: undefined });
  t.true(r.exitRan);
  t.is(flushes, 4, 'the exit block and the restore flushed too');
});

test('a failure the backend records is reported with its code and fix', (t) => {
  const regs = new Uint32Array(LAYOUT.windowBytes / 4);
  let flushes = 0;
  let failed: BackendError | undefined;
  const backend = {
    name: 'chardev' as const,
    open: () => ({
      name: 'recording',
      regs,
      flush: () => {
        if (++flushes === 2) failed ??= new BackendError('E_IO', 'chardev', 'SET_VALUES failed: EIO', 'Check the wiring.');
      },
      refresh: null,
      failure: () => failed,
      close: () => undefined,
    }),
  };
  const p = assemble([out(7), C, set(7), C]);
  const r = runInline(p, { backend });
  // RMW (4 slots), COMMIT at 4, WRITE (3 slots), COMMIT at 8: the second flush failed.
  t.deepEqual(r.error, { code: 'E_IO', message: 'SET_VALUES failed: EIO', pc: 8, fix: 'Check the wiring.' });
});
