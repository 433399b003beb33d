/**
 * The {@link ScriptWatcher} in-process: what it emits for a save, a comment-only save, a
 * broken save saved again, and a change it could not have been told about by chokidar
 * (made between the first compile and the start of watching).
 */
import test, { type ExecutionContext } from 'ava';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFile } from '../../src/compile/compileScript.js';
import { ScriptWatcher } from '../../src/host/watch.js';
import { twoMarkScript } from './_scripts.js';
import { scratchDir, sleep } from './_watchChild.js';

type Event = { readonly kind: 'reload' | 'failed' | 'unchanged' | 'deleted'; readonly marks: string[] };

/** Watches `file`, recording every event with the marks of the program it carries; closed when the test ends. */
async function watching(t: ExecutionContext, file: string, initial = compileFile(file)): Promise<{ watcher: ScriptWatcher; events: Event[] }> {
  const watcher = new ScriptWatcher(file, {}, initial);
  t.teardown(() => watcher.close());
  const events: Event[] = [];
  const marks = (strings?: readonly string[]): string[] => [...(strings ?? [])];
  watcher.on('reload', (e) => events.push({ kind: 'reload', marks: marks(e.program.strings) }));
  watcher.on('failed', () => events.push({ kind: 'failed', marks: [] }));
  watcher.on('unchanged', () => events.push({ kind: 'unchanged', marks: [] }));
  watcher.on('deleted', () => events.push({ kind: 'deleted', marks: [] }));
  await once(watcher, 'ready');
  return { watcher, events };
}

/** Resolves once `events` has `count` entries (rejects after 10 s). */
async function eventCount(events: readonly Event[], count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (events.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} events, got ${JSON.stringify(events)}`);
    await sleep(10);
  }
}

test('a save reloads; a comment-only save compiles to the same program and says unchanged', async (t) => {
  const file = join(scratchDir(t), 'a.gpio');
  writeFileSync(file, twoMarkScript('a'));
  const { events } = await watching(t, file);

  writeFileSync(file, twoMarkScript('b'));
  await eventCount(events, 1);
  writeFileSync(file, twoMarkScript('b', '# only a comment changed\n'));
  await eventCount(events, 2);

  t.deepEqual(events.map((e) => e.kind), ['reload', 'unchanged']);
  t.true(events[0]!.marks.includes('b1'), JSON.stringify(events[0]));
});

test('a broken save fails once; saving the same broken bytes again is not a change', async (t) => {
  const file = join(scratchDir(t), 'a.gpio');
  writeFileSync(file, twoMarkScript('a'));
  const { events } = await watching(t, file);

  writeFileSync(file, 'forever < wait 10 >\n');
  await eventCount(events, 1);
  writeFileSync(file, 'forever < wait 10 >\n');
  // The same bytes again, then a real fix: only the fix may follow the failure.
  await sleep(200);
  writeFileSync(file, twoMarkScript('c'));
  await eventCount(events, 2);

  t.deepEqual(events.map((e) => e.kind), ['failed', 'reload']);
  t.true(events[1]!.marks.includes('c1'));
});

test('a change made between the first compile and the start of watching is still picked up', async (t) => {
  const file = join(scratchDir(t), 'a.gpio');
  writeFileSync(file, twoMarkScript('a'));
  const initial = compileFile(file);
  // chokidar never sees this write: it happened before the watch began.
  writeFileSync(file, twoMarkScript('b'));
  const { events } = await watching(t, file, initial);
  await eventCount(events, 1);

  t.is(events[0]!.kind, 'reload');
  t.true(events[0]!.marks.includes('b1'), JSON.stringify(events[0]));
});

test('a missing import is watched: creating it recompiles', async (t) => {
  const dir = scratchDir(t);
  const file = join(dir, 'a.gpio');
  writeFileSync(file, 'import "later.gpio"\nforever < first(); wait 10ms >\n');
  const { watcher, events } = await watching(t, file);
  t.true(watcher.files.includes(join(dir, 'later.gpio')), JSON.stringify(watcher.files));

  writeFileSync(join(dir, 'later.gpio'), 'def first() < mark "made" >\n');
  await eventCount(events, 1);

  t.is(events[0]!.kind, 'reload');
  t.deepEqual(events[0]!.marks, ['made']);
});
