import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { BackendError } from '../../runtime/backends/backend.js';
import { GPIOMEM_PERMISSION_FIX, gpiomemBackend } from '../../runtime/backends/mmap/gpiomem.js';
import { mapWindow, windowError } from '../../runtime/backends/mmap/mmapWindow.js';
import { handProgram } from './_backendPrograms.js';
import { machineTree, pi4Tree, pi5Tree } from './_machineFixtures.js';

const program = handProgram([], { pins: [7] });

test('maps /dev/gpiomem at offset 0: a store into regs is a store into the device', (t) => {
  const root = pi4Tree({ 'dev/gpiomem': Buffer.alloc(4096) });
  const session = gpiomemBackend({ kind: 'gpiomem' }, { mapWindow, root }).open(program);
  t.is(session.name, 'gpiomem');
  t.is(session.flush, null, 'the stores are the effect');
  t.is(session.refresh, null, 'reads are live');
  t.is(session.regs.length, 1024);
  session.regs[0x1c >>> 2] = 0x80;
  t.is(readFileSync(join(root, 'dev/gpiomem')).readUInt32LE(0x1c), 0x80);
  session.close();
  session.close();
});

test('the Pi 5 window /dev/gpiomem0 is refused, pointing at chardev', (t) => {
  const byDefault = t.throws(() => gpiomemBackend({ kind: 'gpiomem' }, { mapWindow, root: pi5Tree() }).open(program), { instanceOf: BackendError });
  t.is(byDefault?.code, 'E_UNSUPPORTED');
  t.regex(byDefault?.message ?? '', /gpiomem0 is the Raspberry Pi 5's RP1 GPIO window, and pinseq has no RP1 register map yet$/);
  t.is(byDefault?.fix, 'use --backend chardev:/dev/gpiochip0 on a Pi 5');
  const named = t.throws(() => gpiomemBackend({ kind: 'gpiomem', path: '/dev/gpiomem0' }).open(program), { instanceOf: BackendError });
  t.is(named?.code, 'E_UNSUPPORTED');
});

test('no /dev/gpiomem: not found, with the other backends as the fix', (t) => {
  const error = t.throws(() => gpiomemBackend({ kind: 'gpiomem' }, { mapWindow, root: machineTree({}) }).open(program), { instanceOf: BackendError });
  t.is(error?.code, 'E_NOT_FOUND');
  t.regex(error?.message ?? '', /dev\/gpiomem does not exist: this is not a Raspberry Pi 0–4 kernel$/);
  t.regex(error?.fix ?? '', /chardev/);
});

test('a refused open is E_PERMISSION with the gpio-group fix', (t) => {
  const denied: typeof mapWindow = (path, _offset, _bytes, backendName, options) => {
    throw windowError(13, { errnoName: () => 'EACCES' }, 'open', path, backendName, options?.permissionFix);
  };
  const error = t.throws(() => gpiomemBackend({ kind: 'gpiomem' }, { mapWindow: denied, root: pi4Tree() }).open(program), { instanceOf: BackendError });
  t.is(error?.code, 'E_PERMISSION');
  t.is(error?.fix, GPIOMEM_PERMISSION_FIX);
});

test('a program for a BCM2835 is not played on a BCM2711 board', (t) => {
  const root = pi4Tree({ 'dev/gpiomem': Buffer.alloc(4096) });
  const old = handProgram([], { pins: [7], layout: bcm2835.layout, chip: 'bcm2835' });
  const error = t.throws(() => gpiomemBackend({ kind: 'gpiomem' }, { mapWindow, root }).open(old), { instanceOf: BackendError });
  t.is(error?.code, 'E_UNSUPPORTED');
  t.is(error?.fix, 'compile for this board: `chip bcm2711` in the script or --chip bcm2711');
  writeFileSync(join(root, 'proc/device-tree/compatible'), 'raspberrypi,3-model-b\0brcm,bcm2837\0');
  t.notThrows(() => gpiomemBackend({ kind: 'gpiomem' }, { mapWindow, root }).open(old).close(), 'a BCM2837 board takes BCM2835 programs');
});
