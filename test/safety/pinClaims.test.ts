/**
 * Two runs claiming the same pin in one process are refused (issue 6): runtime/run/pinClaims.ts
 * through startRun and runInline, on file windows and simulator boards.
 */
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimBackend } from '../../runtime/backends/sim/simBackend.js';
import type { Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import { runInline } from '../../runtime/run/runInline.js';
import { compileSource } from '../../src/compile/compileScript.js';

function compiled(text: string): Program {
  const program = compileSource(text, { chip: 'bcm2711' }).program;
  if (!program) throw new Error(`did not compile: ${text}`);
  return program;
}

/** Holds GPIO 7 and 8 until stopped. */
const HOLD_7_8 = compiled('out 7, 8\nset 7\nwait 60s\n');
const BLINK_8 = compiled('out 8\nset 8\nwait 1ms\nclear 8\n');
const BLINK_9 = compiled('out 9\nset 9\nwait 1ms\nclear 9\n');

function windowPath(t: { teardown(fn: () => void): void }, name = 'window.bin'): string {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-claims-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, name);
}

test('E_PIN_BUSY: a second run on the same file and pin is refused until the first has ended', async (t) => {
  const path = windowPath(t);
  const first = startRun(HOLD_7_8, { backend: { kind: 'file', path }, stopOnSignals: false });
  const second = await startRun(BLINK_8, { backend: { kind: 'file', path }, stopOnSignals: false }).result;
  t.is(second.status, 'failed');
  t.is(second.error?.code, 'E_PIN_BUSY');
  t.is(second.error?.message, `GPIO 8 is already in use by another run in this process (file:${path}).`);
  t.is(second.error?.fix, 'Stop the other run first, or give this script other pins.');
  const inline = runInline(BLINK_8, { backend: { kind: 'file', path } });
  t.is(inline.error?.code, 'E_PIN_BUSY');
  first.stop();
  t.is((await first.result).status, 'stopped');
  // Released with the first run's result: the same pin is free again.
  t.is(runInline(BLINK_8, { backend: { kind: 'file', path } }).status, 'ended');
});

test('runs on other pins of the same file, or on another file, are not refused', async (t) => {
  const path = windowPath(t);
  const first = startRun(HOLD_7_8, { backend: { kind: 'file', path }, stopOnSignals: false });
  t.is((await startRun(BLINK_9, { backend: { kind: 'file', path }, stopOnSignals: false }).result).status, 'ended');
  t.is(runInline(BLINK_8, { backend: { kind: 'file', path: windowPath(t, 'other.bin') } }).status, 'ended');
  first.stop();
  await first.result;
});

test('a hot-reload replacement that takes a pin another run holds is refused', async (t) => {
  const path = windowPath(t);
  const holder = startRun(HOLD_7_8, { backend: { kind: 'file', path }, stopOnSignals: false });
  const other = startRun(compiled('out 9\nforever < toggle 9; wait 5ms >\n'), { backend: { kind: 'file', path }, stopOnSignals: false });
  const reply = other.replace(compiled('out 8, 9\nforever < toggle 8, 9; wait 5ms >\n'));
  t.false(reply.accepted);
  t.is(reply.reason, `GPIO 8 is already in use by another run in this process (file:${path}).`);
  other.stop();
  holder.stop();
  await Promise.all([other.result, holder.result]);
});

test('simulator specs give each run its own board, so the same pins never conflict', async (t) => {
  const first = startRun(HOLD_7_8, { backend: { kind: 'sim' }, stopOnSignals: false });
  t.is((await startRun(BLINK_8, { backend: { kind: 'sim', clock: 'virtual' }, stopOnSignals: false }).result).status, 'ended');
  first.stop();
  await first.result;
});

test('E_PIN_BUSY: a run started from inside another run on the same simulator board', (t) => {
  const board = new SimBackend({ kind: 'sim', clock: 'virtual' });
  let nested: string | undefined;
  const outer = runInline(compiled('out 8\nset 8\nmark "go"\nwait 1ms\n'), {
    backend: board,
    onEvent: () => {
      nested = runInline(BLINK_8, { backend: board }).error?.code;
    },
  });
  t.is(outer.status, 'ended');
  t.is(nested, 'E_PIN_BUSY');
  // One after the other on the same board is fine.
  t.is(runInline(BLINK_8, { backend: board }).status, 'ended');
});

test('a refused or failed run releases what it claimed', (t) => {
  const path = windowPath(t);
  const invalid = { ...BLINK_8, code: new Float64Array([99]) };
  t.is(runInline(invalid, { backend: { kind: 'file', path } }).error?.code, 'E_PROGRAM_INVALID');
  t.is(runInline(BLINK_8, { backend: { kind: 'file', path } }).status, 'ended');
});
