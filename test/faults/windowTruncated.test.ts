/**
 * A backend failure inside the worker, forced honestly: another process truncates the
 * `file:` window while the run has it mapped. Touching the lost pages would be SIGBUS,
 * which Node cannot catch; the runtime must notice at its next wake-up, detach the
 * window, stop, run the exit block once and report E_BACKEND (exit 3), never die of a
 * signal.
 */
import { statSync, truncateSync } from 'node:fs';
import test from 'ava';
import { countLines, PinseqChild, ScratchDir, seedWindow } from './_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

const TRUNCATED = /error: .*window\.bin shrank to 0 bytes while mapped as the register window \(4096 needed\), so the run stopped; .* \[E_BACKEND\]/;

test('a window truncated under a running loop stops the run with E_BACKEND, exit 3', async (t) => {
  const window = seedWindow(dir);
  // A truncation in the microseconds between the size check after a sleep and the next store
  // cannot be guarded (README, Reliability); 50 ms waits make landing there under load rare.
  const script = 'out 7\non exit < log "exit ran"; clear 7 >\nlog "ready"\nforever < toggle 7; wait 50ms >\n';
  const child = new PinseqChild(['run', dir.file('loop.gpio', script), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  truncateSync(window, 0);
  const exit = await child.exited;
  t.is(exit.signal, null, `killed by ${exit.signal}: ${exit.stderr}`);
  t.is(exit.code, 3, exit.stderr);
  t.regex(exit.stderr, TRUNCATED);
  t.regex(exit.stderr, /fix: Nothing else may truncate or rewrite a window file/);
  // The exit block still runs once (its stores go to the detached copy).
  t.is(countLines(exit.stdout, 'exit ran'), 1, exit.stdout);
  // Nothing wrote past the new end: the run did not grow or rewrite the file.
  t.is(statSync(window).size, 0);
});

test('a window truncated during a long wait is caught when a signal wakes the run', async (t) => {
  const window = seedWindow(dir);
  const script = 'out 7..11\non exit < log "exit ran"; clear 7..11 >\nset 7..11\nlog "ready"\nwait 60s\n';
  const child = new PinseqChild(['run', dir.file('long.gpio', script), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  truncateSync(window, 0);
  child.kill('SIGINT');
  const exit = await child.exited;
  // Without the check, the exit block's `clear` and the restore would be SIGBUS (exit signal 'SIGBUS').
  t.is(exit.signal, null, `killed by ${exit.signal}: ${exit.stderr}`);
  t.is(exit.code, 130, exit.stderr);
  t.regex(exit.stderr, TRUNCATED);
  t.is(countLines(exit.stdout, 'exit ran'), 1, exit.stdout);
  t.is(statSync(window).size, 0);
});

test('a window that only shrank partly is detached all the same', async (t) => {
  const window = seedWindow(dir);
  // A truncation in the microseconds between the size check after a sleep and the next store
  // cannot be guarded (README, Reliability); 50 ms waits make landing there under load rare.
  const script = 'out 7\non exit < log "exit ran"; clear 7 >\nlog "ready"\nforever < toggle 7; wait 50ms >\n';
  const child = new PinseqChild(['run', dir.file('partial.gpio', script), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  truncateSync(window, 40);
  const exit = await child.exited;
  t.is(exit.signal, null, exit.stderr);
  t.is(exit.code, 3, exit.stderr);
  t.regex(exit.stderr, /shrank to 40 bytes while mapped as the register window \(4096 needed\)/);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  t.is(statSync(window).size, 40);
});
