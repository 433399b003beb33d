/**
 * `pinseq run --watch` under abuse, as a child process on a window file: the script
 * deleted while it runs (the program carries on, a message says so), and a storm of 50
 * saves a second for 10 seconds, some of them broken (the process survives, the last
 * good save is what runs at the end, the exit block runs once on Ctrl-C).
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import test from 'ava';
import { countLines, PinseqChild, readFsel, ScratchDir, SEEDED_FSEL, seedWindow } from './_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

/** A script that logs `tag` at the top of every 20 ms iteration. */
function ticking(tag: string): string {
  return `out 7..11\non exit < log "exit ran"; clear 7..11 >\nforever < log "${tag}"; toggle 7; wait 20ms >\n`;
}

test('deleting the script while --watch runs: the program carries on, a message says so', async (t) => {
  const window = seedWindow(dir);
  const script = dir.file('deleted.gpio', ticking('tick'));
  const child = new PinseqChild(['run', '--watch', script, '--backend', `file:${window}`]);
  t.teardown(() => child.dispose());
  await child.waitFor('pinseq: watching', { stream: 'stderr' });
  await child.waitFor('tick');
  unlinkSync(script);
  await child.waitFor(`pinseq: ${script} was deleted; the running program carries on`, { stream: 'stderr' });
  // Still playing: more iterations after the message.
  const ticks = countLines(child.stdout, 'tick');
  await child.waitFor('tick', { count: ticks + 3 });
  child.kill('SIGINT');
  const exit = await child.exited;
  t.is(exit.signal, null, exit.stderr);
  t.is(exit.code, 130, exit.stderr);
  t.is(countLines(exit.stdout, 'exit ran'), 1);
  t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
});

/** How a save lands: written in place, or written aside and renamed over the script (editors' atomic save). */
type SaveStyle = 'in place' | 'atomic rename' | 'mixed';

function save(script: string, text: string, style: SaveStyle, n: number): void {
  if (style === 'in place' || (style === 'mixed' && n % 2 === 0)) return writeFileSync(script, text);
  writeFileSync(`${script}.tmp`, text);
  renameSync(`${script}.tmp`, script);
}

const saveStorm = test.macro({
  exec: async (t, style: SaveStyle) => {
    const window = seedWindow(dir);
    const script = dir.file('storm.gpio', ticking('v0'));
    const child = new PinseqChild(['run', '--watch', script, '--backend', `file:${window}`]);
    t.teardown(() => child.dispose());
    await child.waitFor('pinseq: watching', { stream: 'stderr' });
    await child.waitFor('v0');

    // 500 saves, one every 20 ms; every fifth is broken (a unit missing).
    const SAVES = 500;
    let n = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        n++;
        save(script, n % 5 === 0 ? `${ticking(`v${n}`)}wait 5\n` : ticking(`v${n}`), style, n);
        if (n === SAVES) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    // Save 500 was a broken one: one more, good, is the version that must end up running.
    save(script, ticking('final'), style, n + 1);
    await child.waitFor('final', { count: 3, timeoutMs: 15_000 });
    child.kill('SIGINT');
    const exit = await child.exited;
    t.is(exit.signal, null, exit.stderr);
    t.is(exit.code, 130, exit.stderr);
    t.false(exit.stderr.includes('internal error'), exit.stderr);
    t.is(countLines(exit.stdout, 'exit ran'), 1);
    // After the first "final" iteration nothing older ran again.
    const lines = exit.stdout.split('\n');
    const first = lines.findIndex((line) => line.endsWith(' final'));
    t.true(lines.slice(first).every((line) => line === '' || line.endsWith(' final') || line.endsWith(' exit ran')), 'only the last good version runs at the end');
    t.deepEqual(readFsel(window), [...SEEDED_FSEL]);
  },
  title: (_, style) => `50 saves a second for 10 s (${style}): the process survives and the last good save runs`,
});

test(saveStorm, 'in place');
// Rename-over saves are what many editors do; with the watcher of session 1 a burst of
// them less than ~100 ms apart made chokidar stop reporting the script for good.
test(saveStorm, 'atomic rename');
test(saveStorm, 'mixed');
