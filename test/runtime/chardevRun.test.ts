/**
 * The chardev backend under the real executor (runInline), against the fake gpiochip:
 * one SET_VALUES per instant, runtime toggles through GET_VALUES, the function-select
 * restore applied before the lines are released, and a failing ioctl failing the run.
 */
import test from 'ava';
import { createChardevBackend } from '../../runtime/backends/chardev/chardev.js';
import { LineFlag } from '../../runtime/backends/chardev/chardevEncoding.js';
import { runInline } from '../../runtime/run/runInline.js';
import { assemble, clear, out, set, toggle, waitLevel } from '../_helpers/assemble.js';
import { FakeGpiochip, IOCTL } from './_fakeGpiochip.js';

const C = ['COMMIT'] as const;

function backend(chip: FakeGpiochip) {
  return createChardevBackend({ kind: 'chardev', path: chip.path }, () => chip.io());
}

test('a blinking loop: one SET_VALUES per instant, the exit restore reconfigures, then release', (t) => {
  const chip = new FakeGpiochip();
  const program = assemble([out(7), C, ['LOOP', 3, [set(7), C, ['WAIT', 100_000], clear(7), C, ['WAIT', 100_000]]]]);
  const result = runInline(program, { backend: backend(chip), trace: true });
  t.is(result.status, 'ended', JSON.stringify(result.error));
  const sets = chip.callsOf(IOCTL.SET_VALUES);
  t.deepEqual(sets.map((c) => c.bits), [1n, 0n, 1n, 0n, 1n, 0n]);
  t.true(sets.every((c) => c.mask === 1n));
  const configs = chip.callsOf(IOCTL.SET_CONFIG);
  t.deepEqual(configs.map((c) => c.lineFlags), [[LineFlag.OUTPUT], [LineFlag.INPUT]], 'out 7, then the restore to input');
  t.is(chip.lines[7]!.direction, 'in');
  t.false(chip.requested, 'the request fd was closed');
  t.deepEqual(result.edges?.map((e) => [e.pin, e.level]), [[7, 1], [7, 0], [7, 1], [7, 0], [7, 1], [7, 0]]);
});

test('a runtime toggle reads the line through GET_VALUES and drives the inverse', (t) => {
  const chip = new FakeGpiochip();
  Object.assign(chip.lines[8]!, { direction: 'out', value: 1 });
  const program = assemble([toggle(8), C], { pins: [8] });
  const result = runInline(program, { backend: backend(chip), keep: true });
  t.is(result.status, 'ended', JSON.stringify(result.error));
  t.true(chip.callsOf(IOCTL.GET_VALUES).length >= 2, 'levels read at open and before the toggle');
  t.is(chip.lines[8]!.value, 0);
});

test('wait until reads an input the outside world drives', (t) => {
  const chip = new FakeGpiochip();
  chip.lines[4]!.value = 1;
  const program = assemble([waitLevel(4, 1, 50_000_000), set(7), out(7), C]);
  const result = runInline(program, { backend: backend(chip), keep: true });
  t.is(result.status, 'ended', JSON.stringify(result.error));
  t.deepEqual(chip.lines[7], { direction: 'out', value: 1, bias: 'as-is', usedBy: undefined });
});

test('an ioctl that fails mid-run fails the run with the backend error', (t) => {
  const chip = new FakeGpiochip();
  chip.lines[7]!.direction = 'out';
  chip.failNext = { request: IOCTL.SET_VALUES, errno: 1 };
  const result = runInline(assemble([set(7), C, ['WAIT', 1000], clear(7), C], { pins: [7] }), { backend: backend(chip) });
  t.is(result.status, 'failed');
  t.is(result.error?.code, 'E_PERMISSION');
  t.regex(result.error?.message ?? '', /setting line values on \/dev\/gpiochip0 was refused \(EPERM\)/);
  t.false(chip.requested);
});
