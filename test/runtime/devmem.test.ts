import test from 'ava';
import { closeSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { BackendError } from '../../runtime/backends/backend.js';
import { DEVMEM_PERMISSION_FIX, devmemBackend } from '../../runtime/backends/mmap/devmem.js';
import { mapWindow, windowError } from '../../runtime/backends/mmap/mmapWindow.js';
import { handProgram } from './_backendPrograms.js';
import { machineTree, PI3_RANGES, pi4Tree } from './_machineFixtures.js';

const pi4Program = handProgram([], { pins: [7] });
const pi3Program = handProgram([], { pins: [7], layout: bcm2835.layout, chip: 'bcm2837' });

/** A mapWindow that records where it was asked to map and hands out a plain buffer. */
function recordingMap(): { map: typeof mapWindow; offsets: number[]; paths: string[] } {
  const offsets: number[] = [];
  const paths: string[] = [];
  const map: typeof mapWindow = (path, offset, bytes) => {
    offsets.push(offset);
    paths.push(path);
    return { regs: new Uint32Array(bytes >>> 2), unmap: () => undefined };
  };
  return { map, offsets, paths };
}

test('the GPIO block address comes from soc/ranges: 0xFE200000 on a Pi 4', (t) => {
  const root = pi4Tree();
  const { map, offsets, paths } = recordingMap();
  devmemBackend({ kind: 'devmem' }, { mapWindow: map, root }).open(pi4Program).close();
  t.deepEqual(offsets, [0xfe200000]);
  t.deepEqual(paths, [join(root, 'dev/mem')]);
});

test('without a device tree the layout physicalBase is used; spec.base overrides both', (t) => {
  const { map, offsets } = recordingMap();
  devmemBackend({ kind: 'devmem' }, { mapWindow: map, root: machineTree({}) }).open(pi3Program).close();
  devmemBackend({ kind: 'devmem', base: 0x20200000 }, { mapWindow: map, root: pi4Tree() }).open(pi4Program).close();
  t.deepEqual(offsets, [0x3f200000, 0x20200000]);
});

test('really maps a Pi 3 /dev/mem at 0x3F200000 (a sparse stand-in file)', (t) => {
  const root = machineTree({ 'proc/device-tree/soc/ranges': PI3_RANGES, 'proc/device-tree/compatible': 'brcm,bcm2837\0', 'dev/mem': '' });
  const fd = openSync(join(root, 'dev/mem'), 'r+');
  ftruncateSync(fd, 0x3f201000);
  const session = devmemBackend({ kind: 'devmem' }, { mapWindow, root }).open(pi3Program);
  t.is(session.name, 'devmem');
  t.is(session.flush, null);
  session.regs[0x28 >>> 2] = 0xf80;
  const word = Buffer.alloc(4);
  readSync(fd, word, 0, 4, 0x3f200000 + 0x28);
  closeSync(fd);
  session.close();
  t.is(word.readUInt32LE(0), 0xf80);
});

test('EPERM from /dev/mem names root, CONFIG_STRICT_DEVMEM and iomem=relaxed', (t) => {
  const refused: typeof mapWindow = (path, _offset, _bytes, backendName, options) => {
    throw windowError(1, { errnoName: () => 'EPERM' }, 'mmap', path, backendName, options?.permissionFix);
  };
  const error = t.throws(() => devmemBackend({ kind: 'devmem' }, { mapWindow: refused, root: pi4Tree() }).open(pi4Program), { instanceOf: BackendError });
  t.is(error?.code, 'E_PERMISSION');
  t.regex(error?.message ?? '', /dev\/mem refused to map the GPIO block at 0xfe200000 \(mmap .*dev\/mem: EPERM \(permission denied\)\); \/dev\/mem needs root and, under CONFIG_STRICT_DEVMEM, iomem=relaxed$/);
  t.is(error?.fix, DEVMEM_PERMISSION_FIX);
  t.regex(DEVMEM_PERMISSION_FIX, /root.*iomem=relaxed.*gpiomem/);

  const eacces: typeof mapWindow = (path, _offset, _bytes, backendName, options) => {
    throw windowError(13, { errnoName: () => 'EACCES' }, 'open', path, backendName, options?.permissionFix);
  };
  t.is(t.throws(() => devmemBackend({ kind: 'devmem' }, { mapWindow: eacces, root: pi4Tree() }).open(pi4Program), { instanceOf: BackendError })?.code, 'E_PERMISSION');
});

test('no /dev/mem: not found, CONFIG_DEVMEM named', (t) => {
  const error = t.throws(() => devmemBackend({ kind: 'devmem' }, { mapWindow, root: machineTree({}) }).open(pi3Program), { instanceOf: BackendError });
  t.is(error?.code, 'E_NOT_FOUND');
  t.regex(error?.message ?? '', /CONFIG_DEVMEM/);
});
