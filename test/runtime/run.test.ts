/**
 * The worker host (`startRun`): stopping from the caller's thread, the live level view,
 * hot reload, signals, and failures of the worker itself. Real-clock simulator runs;
 * times are only checked for order and generous upper bounds.
 */
import test from 'ava';
import { Op, type Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import type { RunEvent } from '../../runtime/run/runResult.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { type Asm, assemble, clear, mask, ms, out, set } from '../_helpers/assemble.js';

const C: Asm = ['COMMIT'];
const realSim = { kind: 'sim', clock: 'real' } as const;

/** Resolves when `onEvent` has seen an event matching `match`. */
function eventWaiter(match: (e: RunEvent) => boolean): { onEvent: (e: RunEvent) => void; seen: Promise<void> } {
  let resolve!: () => void;
  const seen = new Promise<void>((r) => (resolve = r));
  return { onEvent: (e) => (match(e) ? resolve() : undefined), seen };
}

const longWait = assemble([out(7), C, set(7), C, ['MARK', 'waiting'], ['WAIT', 10_000_000_000]], { exit: [clear(7), C, ['MARK', 'exit']] });

test('stop() interrupts a 10 s wait promptly and the exit block runs', async (t) => {
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, onEvent: waiter.onEvent });
  await waiter.seen;
  const stoppedAt = Date.now();
  run.stop();
  const r = await run.result;
  t.true(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
  t.is(r.status, 'stopped');
  t.true(r.exitRan);
  t.true(r.elapsedNs < 5e9);
  t.deepEqual(r.marks.map((m) => m.text), ['waiting', 'exit']);
  t.deepEqual(r.edges!.map((e) => [e.pin, e.level]), [[7, 1], [7, 0]]);
});

test('an AbortSignal stops the run like stop()', async (t) => {
  const controller = new AbortController();
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, signal: controller.signal, onEvent: waiter.onEvent });
  await waiter.seen;
  controller.abort();
  const r = await run.result;
  t.is(r.status, 'stopped');
  t.true(r.exitRan);
});

test('a signal aborted before the start runs only the exit block', async (t) => {
  const r = await startRun(longWait, { backend: realSim, signal: AbortSignal.abort() }).result;
  t.is(r.status, 'stopped');
  t.true(r.exitRan);
  t.deepEqual(r.marks.map((m) => m.text), ['exit']);
  t.is(r.instants, 1);
});

// Serial: a SIGINT stops every live run of the process, so no other run may be live.
test.serial('SIGINT while a run is live stops it cleanly and the result names the signal', async (t) => {
  const listeners = process.listenerCount('SIGINT');
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, onEvent: waiter.onEvent });
  await waiter.seen;
  process.emit('SIGINT', 'SIGINT');
  const r = await run.result;
  t.is(r.status, 'stopped');
  t.is(r.signal, 'SIGINT');
  t.true(r.exitRan);
  t.is(process.listenerCount('SIGINT'), listeners, 'the handler is removed when the run settles');
});

test("the caller's event loop keeps running during a run", async (t) => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const p = assemble([out(7), C, ['LOOP', 30, [set(7), C, ['WAIT', ms(5)], clear(7), C, ['WAIT', ms(5)]]]]);
  const r = await startRun(p, { backend: realSim }).result;
  clearInterval(timer);
  t.is(r.status, 'ended');
  // 300 ms of run: a blocked loop would tick at most once.
  t.true(ticks >= 10, `${ticks} ticks`);
  t.is(r.edges!.length, 60 + 0);
  t.is(r.lateness.samples, 60);
});

test('levels() shows a pin the program holds high', async (t) => {
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, onEvent: waiter.onEvent });
  await waiter.seen;
  const levels = run.levels();
  run.stop();
  await run.result;
  t.is(levels.length, 2);
  t.is(levels[0]! & mask(7), mask(7));
});

test('a replacement takes over at the loop boundary, releases pins it does not use, and brings its own exit block', async (t) => {
  const a = assemble([out(7), C, set(7), C, ['LOOP', Infinity, [['WAIT', ms(10)], ['MARK', 'a']]]], { exit: [['MARK', 'exit a']] });
  const b = assemble([out(8), C, ['LOOP', Infinity, [set(8), C, ['WAIT', ms(5)], clear(8), C, ['WAIT', ms(5)], ['MARK', 'b']]]], { exit: [['MARK', 'exit b']] });
  const aMarked = eventWaiter((e) => e.type === 'mark' && e.text === 'a');
  const replaced = eventWaiter((e) => e.type === 'replaced');
  const bMarked = eventWaiter((e) => e.type === 'mark' && e.text === 'b');
  const events: RunEvent[] = [];
  const run = startRun(a, {
    backend: realSim,
    onEvent: (e) => (events.push(e), aMarked.onEvent(e), replaced.onEvent(e), bMarked.onEvent(e)),
  });
  await aMarked.seen;
  const aBefore = events.filter((e) => e.type === 'mark' && e.text === 'a').length;
  t.deepEqual(run.replace(b), { accepted: true });
  await replaced.seen;
  await bMarked.seen;
  run.stop();
  const r = await run.result;
  t.is(r.status, 'stopped');
  const texts = r.marks.map((m) => m.text);
  t.false(texts.includes('exit a'));
  t.is(texts.at(-1), 'exit b');
  // Every mark of the old program comes before the switch, every mark of the new one after.
  const order = events.map((e) => (e.type === 'mark' ? e.text : e.type)).filter((x) => x === 'a' || x === 'b' || x === 'replaced');
  const switchIndex = order.indexOf('replaced');
  // The old program finished the iteration it was in (its mark ends the body) before the switch.
  t.true(switchIndex > aBefore);
  t.true(order.slice(0, switchIndex).every((x) => x === 'a') && order.slice(switchIndex + 1).every((x) => x === 'b'), order.join(' '));
  // Pin 7 was high; the new program does not use it, so it went back to input (low).
  const pin7 = r.edges!.filter((e) => e.pin === 7).map((e) => e.level);
  t.deepEqual(pin7, [1, 0]);
  t.true(r.edges!.some((e) => e.pin === 8 && e.level === 1));
});

test('a replacement takes over at once when no loop is running', async (t) => {
  const started = Date.now();
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, onEvent: waiter.onEvent });
  await waiter.seen;
  const b = assemble([out(7), out(8), C, set(8), C, ['WAIT', ms(20)]]);
  t.true(run.replace(b).accepted);
  const r = await run.result;
  t.is(r.status, 'ended');
  t.true(Date.now() - started < 5000);
  t.deepEqual(r.edges!.map((e) => [e.pin, e.level]), [[7, 1], [8, 1], [7, 0], [8, 0]]);
});

test('a replacement for another chip, an invalid one, or one after the end is refused', async (t) => {
  const waiter = eventWaiter((e) => e.type === 'mark');
  const run = startRun(longWait, { backend: realSim, onEvent: waiter.onEvent });
  await waiter.seen;
  const other = assemble([out(7), C], { layout: bcm2835.layout, chip: 'bcm2835' });
  t.false(run.replace(other).accepted);
  const invalid: Program = { ...assemble([out(7), C]), code: Float64Array.of(99, Op.END, Op.END) };
  const refused = run.replace(invalid);
  t.false(refused.accepted);
  t.regex(refused.reason ?? '', /not valid/);
  run.stop();
  await run.result;
  t.false(run.replace(longWait).accepted);
});

test('a program that cannot reach the worker fails the run with E_WORKER', async (t) => {
  const unclonable = { ...assemble([out(7), C]), extra: () => 1 } as unknown as Program;
  const r = await startRun(unclonable, { backend: realSim }).result;
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_WORKER');
  t.is(r.error?.pc, -1);
  t.false(r.exitRan);
});

test('a backend that cannot open fails the run with its code', async (t) => {
  const r = await startRun(longWait, { backend: { kind: 'file', path: '/nonexistent-pinseq-dir/regs' } }).result;
  t.is(r.status, 'failed');
  t.is(r.error?.code, 'E_NOT_FOUND');
  t.is(r.error?.pc, -1);
  t.false(r.exitRan);
});
