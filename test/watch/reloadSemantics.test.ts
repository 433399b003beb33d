/**
 * What a hot reload does to the running program, seen from outside a real
 * `pinseq run --watch` child: where the switch happens, what a broken save does,
 * imports (changed, added, missing, dropped), pins the new version no longer uses,
 * a version the runtime refuses, and Ctrl-C after a reload.
 */
import test, { type ExecutionContext } from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundaryViolation, tagsOf } from './_markOrder.js';
import { twoMarks, twoMarkScript } from './_scripts.js';
import { scratchDir, WatchChild } from './_watchChild.js';

const RELOADED = /^reloaded a\.gpio \(\d+ ms\)$/;

/**
 * Matches a located line `FILE:LINE:COL: KIND:` at the start of a line, where FILE is
 * the script's absolute path or the path relative to the child's folder (the CLI shows
 * paths relative to the working directory where it can).
 */
function locatedAt(dir: string, name: string, line: number, column: number, kind: 'error' | 'warning'): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${escape(join(dir, name))}|${escape(name)}):${line}:${column}: ${kind}: `, 'm');
}

/** Writes `files` (name → text) into a fresh scratch folder and returns the folder. */
function scripts(t: ExecutionContext, files: Record<string, string>): string {
  const dir = scratchDir(t);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Waits until `tag`'s marks are the last ones, and a few more of them have arrived. */
async function untilRunning(child: WatchChild, tag: string): Promise<void> {
  await child.until(`version ${tag} to run`, () => tagsOf(child.events()).at(-1) === tag);
  await child.moreEvents(`${tag} marks`, 4, (text) => text.startsWith(tag));
}

test('the new version takes over at the end of an iteration of the outermost loop, not of an inner one', async (t) => {
  const nested = `forever <
  repeat 3 < mark "a1"; wait 5ms; mark "a2"; wait 5ms >
  mark "a3"; wait 5ms
>
`;
  const dir = scripts(t, { 'a.gpio': nested });
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a3');
  writeFileSync(join(dir, 'a.gpio'), twoMarkScript('b'));
  await untilRunning(child, 'b');

  t.deepEqual(tagsOf(child.events()), ['a', 'b'], child.describe());
  // The old version's last mark before the switch is always a3: never a1 or a2 of an unfinished repeat.
  t.is(boundaryViolation(child.events(), { a: ['a1', 'a2', 'a1', 'a2', 'a1', 'a2', 'a3'], b: twoMarks('b') }), undefined);
});

test('without a loop the new version takes over at once, cutting the old one\'s wait short', async (t) => {
  const dir = scripts(t, { 'a.gpio': 'mark "a1"\nwait 60s\nmark "a2"\non exit < log "exit a" >\n' });
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a1');
  writeFileSync(join(dir, 'a.gpio'), twoMarkScript('b'));
  await untilRunning(child, 'b');

  const events = child.events();
  t.deepEqual(events.slice(0, events.indexOf('b1')), ['a1'], child.describe());
  t.false(events.includes('exit a'), 'the old exit block is replaced, not run');
  t.is(child.stderrCount(RELOADED), 1, child.stderr);
});

test('a broken save prints located diagnostics and the old version carries on; undoing it says so', async (t) => {
  const good = twoMarkScript('a');
  const dir = scripts(t, { 'a.gpio': good });
  const file = join(dir, 'a.gpio');
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');

  writeFileSync(file, '# broken\nforever < mark "b1"; wait 10; mark "b2"; wait 10ms >\n');
  await child.until('the diagnostics', () => child.stderr.includes('has errors'));
  t.regex(child.stderr, locatedAt(dir, 'a.gpio', 2, 27, 'error'));
  t.true(child.stderr.includes(': error: A wait needs a duration, but 10 is a number without a unit. [E_UNIT]'), child.stderr);
  t.true(child.stderr.includes('forever < mark "b1"; wait 10; mark "b2"; wait 10ms >\n                          ^~'), 'with the code frame');
  t.true(child.stderr.includes('the running program carries on'), child.stderr);
  await child.moreEvents('a marks after the broken save', 6, (text) => text.startsWith('a'));

  // Undo: the text compiles to the program already running, so nothing reloads.
  writeFileSync(file, good);
  await child.until('the all-clear', () => child.stderr.includes('compiles again'));
  await child.moreEvents('a marks after the undo', 4, (text) => text.startsWith('a'));

  t.deepEqual(tagsOf(child.events()), ['a'], child.describe());
  t.is(boundaryViolation(child.events(), { a: twoMarks('a') }), undefined);
  t.is(child.stderrCount(RELOADED), 0, child.stderr);
});

test('a save that only adds comments does not reload, and later warnings point at the moved code', async (t) => {
  // The body outlasts the period, so every iteration reports an overrun located at the loop.
  const loop = 'every 20ms < mark "a1"; wait 30ms >\n';
  const dir = scripts(t, { 'a.gpio': loop });
  const file = join(dir, 'a.gpio');
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a1');
  await child.until('an overrun at line 1', () => locatedAt(dir, 'a.gpio', 1, 1, 'warning').test(child.stderr));

  writeFileSync(file, `# two lines of comment\n# move the loop down\n${loop}`);
  await child.until('an overrun at line 3', () => locatedAt(dir, 'a.gpio', 3, 1, 'warning').test(child.stderr), 30_000);

  t.is(child.stderrCount(RELOADED), 0, child.stderr);
  // The loop was never restarted: its iterations kept counting up.
  const iterations = [...child.stderr.matchAll(/warning: iteration (\d+) /g)].map((m) => Number(m[1]));
  t.deepEqual(iterations, [...iterations].sort((x, y) => x - y), child.stderr);
});

test('a change to an imported file reloads', async (t) => {
  const lib = (tag: string): string => `def first() < mark "${tag}1" >\ndef second() < mark "${tag}2" >\n`;
  const dir = scripts(t, {
    'lib.gpio': lib('a'),
    'a.gpio': 'import "lib.gpio"\nforever < first(); wait 10ms; second(); wait 10ms >\n',
  });
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');
  t.regex(child.stderr, /pinseq: watching a\.gpio and 1 imported file/);
  writeFileSync(join(dir, 'lib.gpio'), lib('b'));
  await untilRunning(child, 'b');

  t.deepEqual(tagsOf(child.events()), ['a', 'b'], child.describe());
  t.is(boundaryViolation(child.events(), { a: twoMarks('a'), b: twoMarks('b') }), undefined);
  t.is(child.stderrCount(RELOADED), 1, child.stderr);
});

test('the watched set follows the imports: a new import is watched, a dropped one is not', async (t) => {
  const extra = (tag: string): string => `def first() < mark "${tag}1" >\ndef second() < mark "${tag}2" >\n`;
  const dir = scripts(t, { 'a.gpio': twoMarkScript('a'), 'extra.gpio': extra('b') });
  const main = join(dir, 'a.gpio');
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');

  writeFileSync(main, 'import "extra.gpio"\nforever < first(); wait 10ms; second(); wait 10ms >\n');
  await untilRunning(child, 'b');
  writeFileSync(join(dir, 'extra.gpio'), extra('c'));
  await untilRunning(child, 'c');
  t.is(child.stderrCount(RELOADED), 2, child.stderr);

  // Dropped: saving the old import changes nothing any more.
  writeFileSync(main, twoMarkScript('d'));
  await untilRunning(child, 'd');
  writeFileSync(join(dir, 'extra.gpio'), extra('e'));
  await child.moreEvents('d marks after saving the dropped import', 10, (text) => text.startsWith('d'));

  t.deepEqual(tagsOf(child.events()), ['a', 'b', 'c', 'd'], child.describe());
  t.is(boundaryViolation(child.events(), { a: twoMarks('a'), b: twoMarks('b'), c: twoMarks('c'), d: twoMarks('d') }), undefined);
  t.is(child.stderrCount(RELOADED), 3, child.stderr);
});

test('an import that does not exist yet is an error until the file is created, then it reloads', async (t) => {
  const dir = scripts(t, { 'a.gpio': twoMarkScript('a') });
  const main = join(dir, 'a.gpio');
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');

  writeFileSync(main, 'import "later.gpio"\nforever < first(); wait 10ms; second(); wait 10ms >\n');
  await child.until('the missing import', () => child.stderr.includes('has errors'));
  t.regex(child.stderr, locatedAt(dir, 'a.gpio', 1, 8, 'error'));
  t.true(child.stderr.includes(': error: Cannot read the imported file "later.gpio"'), child.stderr);
  writeFileSync(join(dir, 'later.gpio'), 'def first() < mark "b1" >\ndef second() < mark "b2" >\n');
  await untilRunning(child, 'b');

  t.deepEqual(tagsOf(child.events()), ['a', 'b'], child.describe());
  t.is(boundaryViolation(child.events(), { a: twoMarks('a'), b: twoMarks('b') }), undefined);
  t.is(child.stderrCount(RELOADED), 1, child.stderr);
});

test('a version for another chip is refused and the running one carries on', async (t) => {
  const dir = scripts(t, { 'a.gpio': twoMarkScript('a', 'chip bcm2711\n') });
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');
  writeFileSync(join(dir, 'a.gpio'), twoMarkScript('b', 'chip bcm2835\n'));
  await child.until('the refusal', () => child.stderr.includes('not reloaded'));
  await child.moreEvents('a marks after the refusal', 6, (text) => text.startsWith('a'));

  t.regex(child.stderr, /pinseq: not reloaded: The program is for bcm2835, the run for bcm2711/);
  t.deepEqual(tagsOf(child.events()), ['a'], child.describe());
  t.is(child.stderrCount(RELOADED), 0, child.stderr);
});

// BCM2711 GPFSEL0 (ARM Peripherals §5.2): 3 bits per pin; pin 7 at bits 21–23, 8 at 24–26, 9 at 27–29.
const fsel = (word: number, pin: number): number => (word >>> (pin * 3)) & 7;
const ALT0 = 0b100;
const ALT5 = 0b010;
const OUTPUT = 0b001;

test('pins the new version no longer uses get their functions back, shared pins keep theirs', async (t) => {
  const dir = scripts(t, {
    'a.gpio': 'out 7, 8\nforever < set 7, 8; mark "a1"; wait 10ms; clear 7, 8; mark "a2"; wait 10ms >\n',
  });
  const window = join(dir, 'gpio-window');
  const before = Buffer.alloc(4096);
  // Before the run: pin 7 an input, pin 8 ALT0, pin 9 ALT5 (never touched by either version).
  before.writeUInt32LE(((ALT0 << 24) | (ALT5 << 27)) >>> 0, 0);
  writeFileSync(window, before);
  const word0 = (): number => readFileSync(window).readUInt32LE(0);

  const child = new WatchChild(t, dir, 'a.gpio', ['--backend', `file:${window}`]);
  await child.ready('a2');
  t.deepEqual([fsel(word0(), 7), fsel(word0(), 8), fsel(word0(), 9)], [OUTPUT, OUTPUT, ALT5]);

  writeFileSync(join(dir, 'a.gpio'), 'out 7\nforever < set 7; mark "b1"; wait 10ms; clear 7; mark "b2"; wait 10ms >\n');
  await untilRunning(child, 'b');
  t.deepEqual([fsel(word0(), 7), fsel(word0(), 8), fsel(word0(), 9)], [OUTPUT, ALT0, ALT5], 'pin 8 released as an exit releases it');

  const exit = await child.interrupt();
  t.is(exit.code, 130);
  t.is(word0(), before.readUInt32LE(0), 'the exit restores pin 7 and leaves the rest as they were');
});

test('Ctrl-C after a reload runs the new version\'s exit block, once, and exits 130', async (t) => {
  const dir = scripts(t, { 'a.gpio': twoMarkScript('a') });
  const child = new WatchChild(t, dir, 'a.gpio');
  await child.ready('a2');
  writeFileSync(join(dir, 'a.gpio'), twoMarkScript('b'));
  await untilRunning(child, 'b');

  const exit = await child.interrupt();
  t.is(exit.code, 130, child.describe());
  const events = child.events();
  t.is(events.filter((text) => text === 'exit b').length, 1, child.describe());
  t.false(events.includes('exit a'));
  t.is(events.at(-1), 'exit b', 'the exit block runs last');
});
