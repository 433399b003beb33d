/**
 * Signals at awkward moments of a real run (child process, mmapped window file): while
 * the program blocks in a `wait until` whose input never changes, and while the `on exit`
 * block itself is waiting. Every case: the exit block starts at most once, the
 * function-select words are back as seeded, and the exit code names the first signal
 * (130 for SIGINT/SIGTERM, 129 for SIGHUP). The long-`wait` case is test/cli/run.test.ts.
 */
import test from 'ava';
import { countLines, PinseqChild, readFsel, ScratchDir, SEEDED_FSEL, seedWindow } from './_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const EXIT_CODE: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 130, SIGHUP: 129 };

// GPLEV0 in the seeded file is 0 and nothing writes it, so GPIO27 never reads high.
const WAIT_UNTIL = `in 27
out 7..11
on exit < log "exit ran"; clear 7..11 >
set 7..11
log "ready"
wait until 27 high
log "not reached"
`;

const duringWaitUntil = test.macro({
  exec: async (t, signal: StopSignal) => {
    const window = seedWindow(dir);
    const child = new PinseqChild(['run', dir.file('until.gpio', WAIT_UNTIL), '--backend', `file:${window}`]);
    t.teardown(() => child.dispose());
    await child.waitFor('ready');
    child.kill(signal);
    const exit = await child.exited;
    t.is(exit.signal, null, exit.stderr);
    t.is(exit.code, EXIT_CODE[signal], exit.stderr);
    t.is(countLines(exit.stdout, 'exit ran'), 1, exit.stdout);
    t.is(countLines(exit.stdout, 'not reached'), 0);
    t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
    t.regex(exit.stderr, /pinseq: stopped after/);
  },
  title: (_, signal) => `${signal} during a wait until that never comes true stops the run cleanly`,
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) test(duringWaitUntil, signal);

// The exit block waits a minute: a first signal starts it, a second one abandons it.
const SLOW_EXIT = `out 7..11
on exit < log "exit begins"; wait 60s; log "exit finished"; clear 7..11 >
set 7..11
log "ready"
wait 60s
`;

const duringExitBlock = test.macro({
  exec: async (t, first: StopSignal, second: StopSignal) => {
    const window = seedWindow(dir);
    const child = new PinseqChild(['run', dir.file('slow-exit.gpio', SLOW_EXIT), '--backend', `file:${window}`]);
    t.teardown(() => child.dispose());
    await child.waitFor('ready');
    child.kill(first);
    await child.waitFor('exit begins');
    child.kill(second);
    const exit = await child.exited;
    t.is(exit.signal, null, exit.stderr);
    // The first signal is the one the run reports.
    t.is(exit.code, EXIT_CODE[first], exit.stderr);
    t.is(countLines(exit.stdout, 'exit begins'), 1, exit.stdout);
    t.is(countLines(exit.stdout, 'exit finished'), 0, 'the second signal cut the exit block short');
    // The restore is not part of the exit block: it still happens.
    t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
    t.regex(exit.stderr, /pinseq: stopped after/);
  },
  title: (_, first, second) => `${first} then ${second} during the on exit block: the block is abandoned, functions still restored`,
});

test(duringExitBlock, 'SIGINT', 'SIGINT');
test(duringExitBlock, 'SIGTERM', 'SIGINT');
test(duringExitBlock, 'SIGHUP', 'SIGTERM');

test('a third signal while the run is already finishing changes nothing', async (t) => {
  const window = seedWindow(dir);
  const child = new PinseqChild(['run', dir.file('slow-exit.gpio', SLOW_EXIT), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  child.kill('SIGINT');
  await child.waitFor('exit begins');
  // Three more in a row: the process must neither die of them nor run anything twice.
  child.kill('SIGINT');
  child.kill('SIGTERM');
  child.kill('SIGHUP');
  const exit = await child.exited;
  t.is(exit.signal, null, exit.stderr);
  t.is(exit.code, 130, exit.stderr);
  t.is(countLines(exit.stdout, 'exit begins'), 1);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});
