/**
 * A trace file that cannot be written: a missing directory, and a full disk (a `.vcd`
 * symlink to /dev/full, where every write fails with ENOSPC). The run itself still
 * ends cleanly (exit block once, functions restored), the message says which file and
 * why, and the exit code is 3 (SPEC §4: backend/permission error) unless the run
 * already has a code of its own.
 */
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import test from 'ava';
import { countLines, PinseqChild, readFsel, ScratchDir, SEEDED_FSEL, seedWindow } from './_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

const SHORT = 'out 7\non exit < log "exit ran"; clear 7 >\nset 7\nwait 2ms\nclear 7\nwait 2ms\n';

function fullDiskTrace(name: string): string {
  const path = dir.fresh(name);
  symlinkSync('/dev/full', path);
  return path;
}

const hasDevFull = existsSync('/dev/full');

test('run --trace into a missing directory: the run ends cleanly, a clear message, exit 3', async (t) => {
  const window = seedWindow(dir);
  const out = '/nonexistent-pinseq-dir/trace.vcd';
  const child = new PinseqChild(['run', dir.file('short.gpio', SHORT), '--backend', `file:${window}`, '--trace', out]);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.signal, null);
  t.is(exit.code, 3, exit.stderr);
  t.true(exit.stderr.includes(`pinseq: could not write the trace to ${out}: its directory does not exist (ENOENT); the run itself ended as reported.\n`), exit.stderr);
  t.regex(exit.stderr, /pinseq: ended after/);
  t.false(exit.stderr.includes('internal error'), exit.stderr);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});

(hasDevFull ? test : test.skip)('run --trace onto a full disk (/dev/full): a clear message, exit 3', async (t) => {
  const out = fullDiskTrace('full.vcd');
  const child = new PinseqChild(['run', dir.file('short.gpio', SHORT), '--backend', 'sim', '--trace', out]);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.code, 3, exit.stderr);
  t.true(exit.stderr.includes(`pinseq: could not write the trace to ${out}: no space left on the device (ENOSPC)`), exit.stderr);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  // The symlink is not a partial waveform: it stays.
  t.true(lstatSync(out).isSymbolicLink());
});

test('a run stopped by a signal keeps exit 130 when its trace cannot be written', async (t) => {
  const window = seedWindow(dir);
  const child = new PinseqChild(['run', dir.file('long.gpio', 'out 7\non exit < log "exit ran"; clear 7 >\nset 7\nlog "ready"\nwait 60s\n'),
    '--backend', `file:${window}`, '--trace', '/nonexistent-pinseq-dir/t.json']);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  child.kill('SIGTERM');
  const exit = await child.exited;
  t.is(exit.code, 130, exit.stderr);
  t.regex(exit.stderr, /could not write the trace to \/nonexistent-pinseq-dir\/t\.json: its directory does not exist/);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});

test('a run that fails keeps its own exit code when its trace cannot be written', async (t) => {
  // GPIO27 never goes high on the simulator without --input: the wait times out, a script error (1).
  const script = 'in 27\nout 7\non exit < log "exit ran" >\nset 7\nwait until 27 high timeout 1ms\n';
  const child = new PinseqChild(['run', dir.file('timeout.gpio', script), '--backend', 'sim', '--trace', '/nonexistent-pinseq-dir/t.vcd']);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.code, 1, exit.stderr);
  t.regex(exit.stderr, /\[E_WAIT_TIMEOUT\]/);
  t.regex(exit.stderr, /could not write the trace/);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
});

test('trace -o into a missing directory: a clear message, exit 3', async (t) => {
  const out = '/nonexistent-pinseq-dir/blink.svg';
  const child = new PinseqChild(['trace', 'scripts/blink.gpio', '-o', out, '--for', '3s']);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.code, 3, exit.stderr);
  t.is(exit.stderr, `pinseq: could not write the trace to ${out}: its directory does not exist (ENOENT); the run itself ended as reported.\n`);
});

(hasDevFull ? test : test.skip)('trace -o onto a full disk: a clear message, exit 3', async (t) => {
  const out = fullDiskTrace('full.json');
  const child = new PinseqChild(['trace', 'scripts/oneliner.gpio', '-o', out]);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.code, 3, exit.stderr);
  t.regex(exit.stderr, /could not write the trace to .*full\.json: no space left on the device \(ENOSPC\)/);
});
