/**
 * Which backends this machine offers, and why not the others: the answers behind
 * `auto` (the first usable of gpiomem, chardev, devmem, else the simulator) and behind
 * `pinseq doctor`. Probing only looks (device nodes, access(2), groups, kernel config);
 * it opens and maps nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { BackendSpec } from '../backends/backend.js';
import { detectBoard, registerFamily, type BoardInfo } from './board.js';
import { deviceAccessAdvice } from './groups.js';
import { readDevmemPolicy } from './kernelConfig.js';
import { machinePath, systemAccess, type MachineAccess } from './machineAccess.js';

/** What probing says about one backend. */
export interface BackendProbe {
  readonly name: 'gpiomem' | 'chardev' | 'devmem' | 'sysfs' | 'sim';
  readonly usable: boolean;
  /** One sentence: what it would use, or why it cannot be used. */
  readonly reason: string;
  /** One sentence on how to make it usable, when something can be done. */
  readonly fix?: string | undefined;
  /** The spec to run it with, when usable. */
  readonly spec?: BackendSpec | undefined;
}

/** The backend `auto` resolved to, and the notice to print when it fell back to the simulator. */
export interface AutoChoice {
  readonly spec: BackendSpec;
  readonly notice?: string | undefined;
  readonly probes: readonly BackendProbe[];
}

// GPIO block physical addresses by SoC, for when the device tree does not say (reference/anchors.md §(e), pigpio's table).
const GPIO_PHYSICAL_BASE: Readonly<Record<string, number>> = { bcm2835: 0x20200000, bcm2836: 0x3f200000, bcm2837: 0x3f200000, bcm2711: 0xfe200000 };

/** Probes gpiomem, chardev, devmem, sysfs and sim, in that order. `machine` defaults to this process on `/`. */
export function probeBackends(machine: MachineAccess | string = '/', board?: BoardInfo): BackendProbe[] {
  const m = typeof machine === 'string' ? systemAccess(machine) : machine;
  const b = board ?? detectBoard(m.root);
  return [probeGpiomem(m, b), probeChardev(m), probeDevmem(m, b), probeSysfs(m), { name: 'sim', usable: true, reason: 'the in-process simulator: always available', spec: { kind: 'sim' } }];
}

/** Resolves `auto`: the first usable of gpiomem, chardev, devmem; else the simulator, with a one-line notice. */
export function pickAutoBackend(machine: MachineAccess | string = '/', board?: BoardInfo): AutoChoice {
  const probes = probeBackends(machine, board);
  for (const probe of probes) {
    if ((probe.name === 'gpiomem' || probe.name === 'chardev' || probe.name === 'devmem') && probe.usable && probe.spec) return { spec: probe.spec, probes };
  }
  // One line: the names of what was tried; `pinseq doctor` has each reason and its fix.
  const tried = probes.filter((p) => p.name !== 'sim' && p.name !== 'sysfs').map((p) => p.name).join(', ');
  return { spec: { kind: 'sim' }, notice: `pinseq: no usable GPIO (${tried}); running on the simulator. \`pinseq doctor\` says why.`, probes };
}

function probeGpiomem(m: MachineAccess, board: BoardInfo): BackendProbe {
  const path = machinePath(m, 'dev/gpiomem');
  if (!existsSync(path)) {
    if (existsSync(machinePath(m, 'dev/gpiomem0'))) {
      return { name: 'gpiomem', usable: false, reason: '/dev/gpiomem0 is the Pi 5 RP1 window, which pinseq does not map yet', fix: 'use chardev (auto does)' };
    }
    return { name: 'gpiomem', usable: false, reason: 'no /dev/gpiomem (not a Raspberry Pi 0–4 kernel)' };
  }
  if (board.chip !== undefined && registerFamily(board.chip) !== 'bcm2835' && board.chip !== 'bcm2711') {
    return { name: 'gpiomem', usable: false, reason: `/dev/gpiomem exists but the SoC is a ${board.chip}, which pinseq has no register map for` };
  }
  if (!m.canReadWrite(path)) return { name: 'gpiomem', usable: false, ...deviceAccessAdvice(m, '/dev/gpiomem') };
  return { name: 'gpiomem', usable: true, reason: `mmap /dev/gpiomem${board.chip ? ` (${board.chip} GPIO block)` : ''}`, spec: { kind: 'gpiomem' } };
}

function probeChardev(m: MachineAccess): BackendProbe {
  let chips: string[] = [];
  try {
    chips = readdirSync(machinePath(m, 'dev'))
      .filter((name) => /^gpiochip\d+$/.test(name))
      .sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)));
  } catch {
    // No /dev under the root: no chips.
  }
  if (chips.length === 0) return { name: 'chardev', usable: false, reason: 'no /dev/gpiochip* (no GPIO driver, or a kernel without the GPIO character device)' };
  // The SoC's GPIOs are gpiochip0 on every Raspberry Pi kernel since 6.6.45 (the Pi 5 included).
  const device = `/dev/${chips[0]!}`;
  if (!m.canReadWrite(machinePath(m, device))) return { name: 'chardev', usable: false, ...deviceAccessAdvice(m, device) };
  const others = chips.length > 1 ? ` (also ${chips.slice(1).map((c) => `/dev/${c}`).join(', ')})` : '';
  return { name: 'chardev', usable: true, reason: `GPIO character device ${device}${others}`, spec: { kind: 'chardev', path: device } };
}

function probeDevmem(m: MachineAccess, board: BoardInfo): BackendProbe {
  if (!existsSync(machinePath(m, 'dev/mem'))) return { name: 'devmem', usable: false, reason: 'no /dev/mem (kernel built without CONFIG_DEVMEM)' };
  const base = board.gpioPhysicalBase ?? (board.chip === undefined ? undefined : GPIO_PHYSICAL_BASE[board.chip]);
  if (base === undefined) return { name: 'devmem', usable: false, reason: 'the GPIO block address is unknown: not a board pinseq has a register map for' };
  if (m.uid !== 0) return { name: 'devmem', usable: false, reason: '/dev/mem needs root', fix: 'run with sudo, or use gpiomem (group gpio, no root)' };
  const policy = readDevmemPolicy(m);
  const at = `GPIO block at 0x${base.toString(16)}`;
  if (policy.ioStrictDevmem && !policy.iomemRelaxed) {
    return {
      name: 'devmem',
      usable: false,
      reason: `the kernel refuses /dev/mem mappings of driver-claimed I/O memory such as the ${at} (CONFIG_IO_STRICT_DEVMEM=y in ${policy.configSource})`,
      fix: 'add iomem=relaxed to the kernel command line (/boot/firmware/cmdline.txt) and reboot, or use gpiomem',
    };
  }
  const checked = policy.configSource === undefined ? '; kernel config unreadable, CONFIG_STRICT_DEVMEM not checked' : policy.iomemRelaxed ? '; iomem=relaxed' : '';
  return { name: 'devmem', usable: true, reason: `mmap /dev/mem, ${at}${checked}`, spec: { kind: 'devmem', base } };
}

function probeSysfs(m: MachineAccess): BackendProbe {
  const exportPath = machinePath(m, 'sys/class/gpio/export');
  if (!existsSync(exportPath)) return { name: 'sysfs', usable: false, reason: 'no /sys/class/gpio (the kernel has no sysfs GPIO interface)' };
  if (!m.canReadWrite(exportPath)) return { name: 'sysfs', usable: false, ...deviceAccessAdvice(m, '/sys/class/gpio/export') };
  return { name: 'sysfs', usable: true, reason: '/sys/class/gpio (legacy and slow: one write per pin change)', spec: { kind: 'sysfs' } };
}
