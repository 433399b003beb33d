/**
 * `RunHandle.replace` and the pins a backend claimed: chardev and sysfs take the first
 * program's lines when the run opens, so a hot reload that needs another pin is refused
 * (with the reason) instead of having its writes to that pin dropped. The answer comes
 * synchronously, before the worker opens anything, so a backend that cannot open here
 * serves as well as a real one.
 */
import test from 'ava';
import type { BackendSpec } from '../../runtime/backends/backend.js';
import type { Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import { compileSource } from '../../src/compile/compileScript.js';

function program(text: string): Program {
  const compiled = compileSource(text);
  if (!compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.program;
}

const FIRST = program('out 7, 8\nforever < toggle 7, 8; wait 10ms >\n');
const SUBSET = program('out 7\nforever < toggle 7; wait 10ms >\n');
const MORE = program('out 7, 9, 10\nforever < toggle 7, 9, 10; wait 10ms >\n');

/** Starts FIRST on `backend`, asks to replace it with `next`, stops the run, and returns the answer. */
async function replaceOn(backend: BackendSpec, next: Program): Promise<{ readonly accepted: boolean; readonly reason?: string }> {
  const handle = startRun(FIRST, { backend, stopOnSignals: false });
  const answer = handle.replace(next);
  handle.stop();
  await handle.result;
  return answer;
}

// Each test gets its own device path: tests run concurrently, and the runtime refuses a
// second run that claims the same pins of the same device (E_PIN_BUSY).
const claiming: [string, (test: string) => BackendSpec][] = [
  ['chardev', (test) => ({ kind: 'chardev', path: `/nonexistent/${test}/gpiochip9` })],
  ['sysfs', (test) => ({ kind: 'sysfs', root: `/nonexistent/${test}/sys/class/gpio` })],
];

for (const [name, backendFor] of claiming) {
  test(`${name}: a replacement using pins the run did not claim is refused, naming them`, async (t) => {
    const answer = await replaceOn(backendFor('more'), MORE);
    t.false(answer.accepted);
    t.is(answer.reason, `The ${name} backend claimed the first program's pins when the run started; pins 9, 10 cannot be added to a running program.`);
  });

  test(`${name}: a replacement using some of the claimed pins is accepted`, async (t) => {
    t.deepEqual(await replaceOn(backendFor('subset'), SUBSET), { accepted: true });
  });
}

test('sim: a register window reaches every pin, so new pins are accepted', async (t) => {
  t.deepEqual(await replaceOn({ kind: 'sim', clock: 'virtual' }, MORE), { accepted: true });
});
