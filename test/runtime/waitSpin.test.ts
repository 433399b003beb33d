/**
 * Waits shorter than the spin margin are all spin, and the spin goes through the op loop
 * one clock step at a time (runtime/executor/executor.ts, Clock.sleepStep): a stop or a hot
 * reload arriving mid-spin must still be taken, and the schedule kept.
 */
import test from 'ava';
import { startRun } from '../../runtime/run/run.js';
import type { RunEvent } from '../../runtime/run/runResult.js';
import { type Asm, assemble, clear, out, set } from '../_helpers/assemble.js';

const C: Asm = ['COMMIT'];
const SPIN_WAIT = 50_000;

/** A forever toggle whose waits are all spin; stops after 30 ms of marks, or as `onMark` says. */
function spinningToggle(onMark: (text: string, run: ReturnType<typeof startRun>) => void) {
  const program = assemble([out(7), C, ['MARK', 'go'], ['LOOP', Infinity, [set(7), C, ['WAIT', SPIN_WAIT], clear(7), C, ['WAIT', SPIN_WAIT]]]], { exit: [clear(7), C, ['MARK', 'exit']] });
  const run = startRun(program, {
    backend: { kind: 'sim', clock: 'real' },
    stopOnSignals: false,
    onEvent: (e: RunEvent) => {
      if (e.type === 'mark') onMark(e.text, run);
    },
  });
  return run;
}

test('a stop during the spin before a deadline ends the run at once, with the exit block', async (t) => {
  const run = spinningToggle((text, r) => {
    if (text === 'go') setTimeout(() => r.stop(), 30);
  });
  const result = await run.result;
  t.is(result.status, 'stopped');
  t.true(result.exitRan);
  const edges = result.edges!.filter((e) => e.pin === 7);
  t.true(edges.length >= 4);
  // Strictly alternating, each on or after its schedule: edge k is due at k × 50 µs.
  edges.forEach((e, k) => {
    if (k < edges.length - 1) t.is(e.level, k % 2 === 0 ? 1 : 0);
    if (k < edges.length - 1) t.true(e.atNs >= k * SPIN_WAIT, `edge ${k} at ${e.atNs} ns is early`);
  });
  t.is(edges[edges.length - 1]!.level, 0);
});

test('a replacement posted during the spin takes over at the loop boundary', async (t) => {
  const marks: string[] = [];
  const run = spinningToggle((text, r) => {
    marks.push(text);
    if (text === 'go') setTimeout(() => r.replace(assemble([['MARK', 'v2']])), 20);
  });
  const result = await run.result;
  // The replacement has no loop: it ends, and its own (empty) exit block replaces the old one.
  t.is(result.status, 'ended');
  t.deepEqual(marks, ['go', 'v2']);
});
