/** `watch()` from the library: a script file hot-reloaded on save, events for the host. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompileResult, watch, type WatchReload } from 'pinseq';

const version = (name: string): string => `out 7\non exit < clear 7 >\nforever < set 7; mark "${name}1"; wait 2ms; clear 7; mark "${name}2"; wait 2ms >\n`;

/** Resolves when `predicate` holds for the marks seen so far (checked on each mark). */
function marksUntil(marks: string[], predicate: (marks: readonly string[]) => boolean): { check: () => void; reached: Promise<void> } {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return { check: () => predicate(marks) && resolve(), reached };
}

test('a good save takes over at the loop boundary; a bad one is reported and the old program carries on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-watch-'));
  const file = join(dir, 'live.gpio');
  writeFileSync(file, version('a'));
  const marks: string[] = [];
  let waiter = marksUntil(marks, (m) => m.length >= 3);
  const watched = watch(file, { backend: 'sim', onEvent: (e) => e.type === 'mark' && (marks.push(e.text), waiter.check()) });
  t.teardown(() => watched.stop());
  const ready = new Promise<void>((resolve) => watched.once('ready', resolve));
  await Promise.all([ready, waiter.reached]);

  // A broken save: located diagnostics, and the a-program keeps running.
  const failed = new Promise<CompileResult>((resolve) => watched.once('failed', resolve));
  writeFileSync(file, 'out 7\nforever < set 7; wait 2 >\n');
  const bad = await failed;
  t.deepEqual(bad.diagnostics.map((d) => [d.code, d.span.line, d.span.column]), [['E_UNIT', 2, 23]]);
  const before = marks.length;
  waiter = marksUntil(marks, (m) => m.length >= before + 2);
  await waiter.reached;
  t.true(marks.slice(before).every((m) => m.startsWith('a')));

  // A good save: the b-program takes over after a complete a-iteration.
  const reloaded = new Promise<WatchReload>((resolve) => watched.once('reload', resolve));
  waiter = marksUntil(marks, (m) => m.filter((x) => x.startsWith('b')).length >= 4);
  writeFileSync(file, version('b'));
  t.is((await reloaded).file, file);
  await waiter.reached;
  const outcome = await watched.stop();
  const switchAt = marks.indexOf('b1');
  t.is(marks[switchAt - 1], 'a2');
  t.true(marks.slice(switchAt).every((m) => m.startsWith('b')));
  t.is(outcome?.status, 'stopped');
  t.true(outcome?.exitRan);
  t.true(outcome?.program.strings.includes('b1'));
});

test('a script that does not compile at first reports its errors and starts on the first good save', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-watch-'));
  const file = join(dir, 'later.gpio');
  writeFileSync(file, 'out 7\nset 7 7\n');
  const watched = watch(file, { backend: 'sim', clock: 'virtual' });
  t.teardown(() => watched.stop());
  const first = await new Promise<CompileResult>((resolve) => watched.once('failed', resolve));
  t.is(first.diagnostics[0]?.span.line, 2);
  await new Promise<void>((resolve) => watched.once('ready', resolve));
  const ended = new Promise((resolve) => watched.once('end', resolve));
  writeFileSync(file, 'out 7\nset 7\nwait 1ms\nclear 7\n');
  const outcome = (await ended) as { status: string; edges: unknown[] };
  t.is(outcome.status, 'ended');
  t.is(outcome.edges.length, 2);
  await watched.stop();
});

test('a bad save with nobody listening is not an exception: the program carries on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-watch-'));
  const file = join(dir, 'quiet.gpio');
  writeFileSync(file, version('a'));
  const marks: string[] = [];
  const watched = watch(file, { backend: 'sim', onEvent: (e) => e.type === 'mark' && marks.push(e.text) });
  t.teardown(() => watched.stop());
  await new Promise<void>((resolve) => watched.once('ready', resolve));
  // Were a bad save emitted as an unheard `error`, the EventEmitter would throw it and ava
  // would report an uncaught exception; instead the a-program keeps marking.
  writeFileSync(file, 'out 7\nwait 5\n');
  const before = marks.length;
  const deadline = Date.now() + 10_000;
  while (marks.length < before + 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  t.true(marks.length >= before + 100, `the a-program still marks (${marks.length - before} new marks)`);
  t.true(marks.every((m) => m.startsWith('a')));
});
