/**
 * `pinseq run` as a child process on a real mmapped window file (issue 3): a signal
 * during a long wait stops the run cleanly. The exit block runs once, the function-select
 * words the script changed are back to what the file held before, and the exit code says
 * how the run ended (130 for SIGINT/SIGTERM as SPEC §4 says, 129 = 128 + SIGHUP).
 */
import test from 'ava';
import { countLines, fselField, PinseqChild, readFsel, ScratchDir, SEEDED_FSEL, seedWindow } from '../faults/_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

const LONG_WAIT = `out 7..11
on exit < log "exit ran"; clear 7..11 >
set 7..11
log "ready"
wait 60s
log "not reached"
`;

const signalStopsTheRun = test.macro(async (t, signal: NodeJS.Signals, code: number) => {
  const window = seedWindow(dir);
  const child = new PinseqChild(['run', dir.file('long.gpio', LONG_WAIT), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  // The run really changed the functions: pins 7..11 are outputs (001) while it plays.
  const during = readFsel(window);
  for (let pin = 7; pin <= 11; pin++) t.is(fselField(during, pin), 1, `GPIO${pin} is an output while running`);
  child.kill(signal);
  const exit = await child.exited;
  t.is(exit.signal, null, exit.stderr);
  t.is(exit.code, code, exit.stderr);
  t.is(countLines(exit.stdout, 'exit ran'), 1, exit.stdout);
  t.is(countLines(exit.stdout, 'not reached'), 0);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL], 'every function-select word is back as seeded');
  t.regex(exit.stderr, /pinseq: stopped after \d+\.\d{3} s/);
});

test('SIGINT during a long wait: exit block once, functions restored, exit 130', signalStopsTheRun, 'SIGINT', 130);
test('SIGTERM during a long wait: exit block once, functions restored, exit 130', signalStopsTheRun, 'SIGTERM', 130);
test('SIGHUP during a long wait: exit block once, functions restored, exit 129', signalStopsTheRun, 'SIGHUP', 129);

test('a run that ends by itself restores functions and exits 0', async (t) => {
  const window = seedWindow(dir);
  const child = new PinseqChild(['run', dir.file('short.gpio', 'out 7..11\non exit < log "exit ran" >\nset 7\nwait 5ms\nclear 7\n'), '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  const exit = await child.exited;
  t.is(exit.code, 0, exit.stderr);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});

test('--keep leaves the functions as the script set them', async (t) => {
  const window = seedWindow(dir);
  const child = new PinseqChild(['run', dir.file('keep.gpio', LONG_WAIT), '--backend', `file:${window}`, '--keep']);
  t.teardown(() => child.dispose());
  await child.waitFor('ready');
  child.kill('SIGINT');
  const exit = await child.exited;
  t.is(exit.code, 130, exit.stderr);
  const after = readFsel(window);
  for (let pin = 7; pin <= 11; pin++) t.is(fselField(after, pin), 1, `GPIO${pin} stays an output`);
  // Pins the script never named keep their seeded fields.
  t.is(fselField(after, 6), fselField(SEEDED_FSEL, 6));
  t.is(fselField(after, 12), fselField(SEEDED_FSEL, 12));
});

test('a reader that goes away (run … | head) stops the run like SIGTERM: functions restored, exit 130', async (t) => {
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../_helpers/cli.js');
  const window = seedWindow(dir);
  const script = dir.file('chatty.gpio', 'out 7\non exit < clear 7 >\nforever < toggle 7; log "tick"; wait 1ms >\n');
  const child = spawn(process.execPath, [CLI, 'run', script, '--backend', `file:${window}`, '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Read the first line, then close our end of the pipe, as `head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  t.is(code, 130, stderr);
  t.notRegex(stderr, /internal error|EPIPE/);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});
