import test from 'ava';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { boardMismatch, chipFromRevision, detectBoard } from '../../runtime/detect/board.js';
import { doctor } from '../../runtime/detect/doctorReport.js';
import { readDevmemPolicy } from '../../runtime/detect/kernelConfig.js';
import { pickAutoBackend, probeBackends, type BackendProbe } from '../../runtime/detect/probe.js';
import { parseSocRanges, physicalAddressOf } from '../../runtime/detect/socRanges.js';
import { cells, configGz, fakeMachine, KERNEL, machineTree, PI3_RANGES, PI4_RANGES, pi4Tree, pi5Tree } from './_machineFixtures.js';

function probe(probes: readonly BackendProbe[], name: BackendProbe['name']): BackendProbe {
  return probes.find((p) => p.name === name)!;
}

test('soc/ranges: Pi 3 (one-cell parent) and Pi 4 (two-cell parent) give the GPIO block address', (t) => {
  t.deepEqual(parseSocRanges(cells(0x7e000000, 0x3f000000, 0x01000000)), [{ child: 0x7e000000, parent: 0x3f000000, size: 0x01000000 }]);
  t.is(physicalAddressOf(parseSocRanges(PI3_RANGES)), 0x3f200000);
  t.deepEqual(parseSocRanges(cells(0x7e000000, 0, 0xfe000000, 0x01800000)), [{ child: 0x7e000000, parent: 0xfe000000, size: 0x01800000 }]);
  t.is(physicalAddressOf(parseSocRanges(PI4_RANGES)), 0xfe200000);
  t.is(physicalAddressOf(parseSocRanges(PI4_RANGES, 2)), 0xfe200000, 'with #address-cells given');
  // High-peripheral mode puts the block above 4 GiB.
  t.is(physicalAddressOf(parseSocRanges(cells(0x7e000000, 0x4, 0x7e000000, 0x01800000), 2)), 0x4_7e200000);
});

test('soc/ranges that do not parse, or do not cover the GPIO block, give nothing', (t) => {
  t.deepEqual(parseSocRanges(new Uint8Array([1, 2, 3])), []);
  t.deepEqual(parseSocRanges(cells(0x7e000000, 0x3f000000)), []);
  t.is(physicalAddressOf(parseSocRanges(cells(0x40000000, 0x40000000, 0x1000))), undefined);
});

test('detectBoard reads model, chip, revision and GPIO address from a Pi 4 tree', (t) => {
  const board = detectBoard(pi4Tree());
  t.is(board.model, 'Raspberry Pi 4 Model B Rev 1.4');
  t.is(board.chip, 'bcm2711');
  t.deepEqual(board.compatible, ['raspberrypi,4-model-b', 'brcm,bcm2711']);
  t.is(board.revision, 'c03114');
  t.is(board.gpioPhysicalBase, 0xfe200000);
});

test('without a device tree the chip comes from the cpuinfo revision code, then Hardware', (t) => {
  const fromRevision = detectBoard(machineTree({ 'proc/cpuinfo': 'Hardware\t: BCM2835\nRevision\t: a02082\nModel\t\t: Raspberry Pi 3 Model B Rev 1.2\n' }));
  t.is(fromRevision.chip, 'bcm2837');
  t.is(fromRevision.model, 'Raspberry Pi 3 Model B Rev 1.2');
  t.is(detectBoard(machineTree({ 'proc/cpuinfo': 'Hardware\t: BCM2711\n' })).chip, 'bcm2711');
  const laptop = detectBoard(machineTree({ 'proc/cpuinfo': 'processor\t: 0\nmodel\t\t: 17\nmodel name\t: AMD EPYC\n' }));
  t.is(laptop.model, undefined, "x86's lowercase `model` is not a board model");
  t.is(laptop.chip, undefined);
  t.deepEqual([chipFromRevision('c03114'), chipFromRevision('d04170'), chipFromRevision('900092'), chipFromRevision('000e'), chipFromRevision('zz')], ['bcm2711', 'bcm2712', 'bcm2835', 'bcm2835', undefined]);
});

test('a program for another register family than the board is refused, with the chip to use', (t) => {
  const board = detectBoard(pi4Tree());
  t.is(boardMismatch(board, 'bcm2711', 'gpiomem'), undefined);
  const error = boardMismatch(board, 'bcm2837', 'gpiomem');
  t.is(error?.code, 'E_UNSUPPORTED');
  t.is(error?.message, 'the program was compiled for bcm2837, but this board is a bcm2711 (Raspberry Pi 4 Model B Rev 1.4)');
  t.is(boardMismatch(detectBoard(machineTree({ 'proc/device-tree/compatible': 'brcm,bcm2837\0' })), 'bcm2835', 'devmem'), undefined, 'BCM2835/6/7 share registers');
  t.is(boardMismatch(detectBoard(machineTree({})), 'bcm2835', 'devmem'), undefined, 'unknown board: no objection');
});

test('Pi 4, user in the gpio group: every device usable but devmem (not root); auto picks gpiomem', (t) => {
  const machine = fakeMachine(pi4Tree());
  const probes = probeBackends(machine);
  t.deepEqual(probes.map((p) => [p.name, p.usable]), [['gpiomem', true], ['chardev', true], ['devmem', false], ['sysfs', true], ['sim', true]]);
  t.is(probe(probes, 'gpiomem').reason, 'mmap /dev/gpiomem (bcm2711 GPIO block)');
  t.deepEqual(probe(probes, 'chardev').spec, { kind: 'chardev', path: '/dev/gpiochip0' });
  t.is(probe(probes, 'chardev').reason, 'GPIO character device /dev/gpiochip0 (also /dev/gpiochip1)');
  t.is(probe(probes, 'devmem').reason, '/dev/mem needs root');
  const auto = pickAutoBackend(machine);
  t.deepEqual(auto.spec, { kind: 'gpiomem' });
  t.is(auto.notice, undefined);
});

test('not in the gpio group: the fix is usermod; added but not logged in again: log out and in', (t) => {
  const root = pi4Tree({ 'etc/group': 'gpio:x:997:\n' });
  const outsider = probeBackends(fakeMachine(root, { gids: [1000], denied: ['dev/gpiomem', 'dev/gpiochip0'] }));
  t.false(probe(outsider, 'gpiomem').usable);
  t.is(probe(outsider, 'gpiomem').reason, 'no read/write access to /dev/gpiomem, and you are not in the gpio group');
  t.is(probe(outsider, 'gpiomem').fix, 'sudo usermod -aG gpio $USER, then log out and in again');
  t.is(probe(outsider, 'chardev').reason, 'no read/write access to /dev/gpiochip0, and you are not in the gpio group');

  const late = probeBackends(fakeMachine(pi4Tree(), { gids: [1000], denied: ['dev/gpiomem'] }));
  t.is(probe(late, 'gpiomem').reason, 'no read/write access to /dev/gpiomem: you were added to the gpio group after this session started');
  t.is(probe(late, 'gpiomem').fix, 'log out and in again (or run `newgrp gpio`)');
});

test('devmem as root: CONFIG_IO_STRICT_DEVMEM refuses unless iomem=relaxed', (t) => {
  const strict = probe(probeBackends(fakeMachine(pi4Tree(), { uid: 0 })), 'devmem');
  t.false(strict.usable);
  t.is(strict.reason, `the kernel refuses /dev/mem mappings of driver-claimed I/O memory such as the GPIO block at 0xfe200000 (CONFIG_IO_STRICT_DEVMEM=y in /boot/config-${KERNEL})`);
  t.regex(strict.fix ?? '', /iomem=relaxed/);

  const relaxed = probe(probeBackends(fakeMachine(pi4Tree({ 'proc/cmdline': 'root=/dev/mmcblk0p2 iomem=relaxed\n' }), { uid: 0 })), 'devmem');
  t.true(relaxed.usable);
  t.deepEqual(relaxed.spec, { kind: 'devmem', base: 0xfe200000 });
  t.is(relaxed.reason, 'mmap /dev/mem, GPIO block at 0xfe200000; iomem=relaxed');
});

test('the kernel config is read from /proc/config.gz when /boot has none', (t) => {
  const root = pi4Tree({ 'proc/config.gz': configGz('CONFIG_STRICT_DEVMEM=y\n# CONFIG_IO_STRICT_DEVMEM is not set\n') });
  rmSync(join(root, `boot/config-${KERNEL}`));
  const policy = readDevmemPolicy(fakeMachine(root, { uid: 0 }));
  t.deepEqual(policy, { configSource: '/proc/config.gz', devmem: false, strictDevmem: true, ioStrictDevmem: false, iomemRelaxed: false });
  const devmem = probe(probeBackends(fakeMachine(root, { uid: 0 })), 'devmem');
  t.true(devmem.usable, 'STRICT_DEVMEM alone still allows I/O memory');
});

test('Pi 5: gpiomem0 is RP1 (not yet), chardev is the way; auto picks it', (t) => {
  const machine = fakeMachine(pi5Tree());
  const gpiomem = probe(probeBackends(machine), 'gpiomem');
  t.false(gpiomem.usable);
  t.is(gpiomem.reason, '/dev/gpiomem0 is the Pi 5 RP1 window, which pinseq does not map yet');
  t.deepEqual(pickAutoBackend(machine).spec, { kind: 'chardev', path: '/dev/gpiochip0' });
});

test('a laptop: nothing but the simulator, with a one-line notice naming what was tried', (t) => {
  const auto = pickAutoBackend(fakeMachine(machineTree({ 'proc/cpuinfo': 'model name\t: AMD EPYC\n' })));
  t.deepEqual(auto.spec, { kind: 'sim' });
  t.is(
    auto.notice,
    'pinseq: no usable GPIO (gpiomem, chardev, devmem); running on the simulator. `pinseq doctor` says why.',
  );
  t.false(auto.notice?.includes('\n'));
});

test('doctor writes board, chip, every backend with its fix, and auto', (t) => {
  const report = doctor(fakeMachine(pi4Tree({ 'etc/group': 'gpio:x:997:\n' }), { gids: [1000], denied: ['dev/gpiomem'] }));
  t.is(
    report.text,
    [
      'board    Raspberry Pi 4 Model B Rev 1.4',
      'chip     bcm2711, GPIO block at 0xfe200000 (device tree)',
      'revision c03114',
      '',
      'backends',
      '  no   gpiomem  no read/write access to /dev/gpiomem, and you are not in the gpio group',
      '                fix: sudo usermod -aG gpio $USER, then log out and in again',
      '  yes  chardev  GPIO character device /dev/gpiochip0 (also /dev/gpiochip1)',
      '  no   devmem   /dev/mem needs root',
      '                fix: run with sudo, or use gpiomem (group gpio, no root)',
      '  yes  sysfs    /sys/class/gpio (legacy and slow: one write per pin change)',
      '  yes  sim      the in-process simulator: always available',
      '',
      'auto     chardev (/dev/gpiochip0)',
      '',
    ].join('\n'),
  );
  t.deepEqual(report.auto, { kind: 'chardev', path: '/dev/gpiochip0' });
});
