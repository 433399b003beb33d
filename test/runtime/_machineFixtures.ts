/**
 * Fixture machines for the detect, gpiomem and devmem tests: a temp directory laid out
 * like `/` (device tree, cpuinfo, /dev nodes as plain files, /etc/group, kernel config),
 * and a made-up process (uid, groups) looking at it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MachineAccess } from '../../runtime/detect/machineAccess.js';

/** Big-endian 32-bit cells, as device-tree properties hold them. */
export function cells(...values: number[]): Buffer {
  const buf = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buf.writeUInt32BE(v, i * 4));
  return buf;
}

/** Pi 3 `soc/ranges`: bus 0x7E000000 at physical 0x3F000000, 16 MiB; then the local peripherals. */
export const PI3_RANGES = cells(0x7e000000, 0x3f000000, 0x01000000, 0x40000000, 0x40000000, 0x00001000);
/** Pi 4 `soc/ranges` with a 2-cell parent address: bus 0x7E000000 at 0xFE000000, 24 MiB; then two more. */
export const PI4_RANGES = cells(0x7e000000, 0, 0xfe000000, 0x01800000, 0x7c000000, 0, 0xfc000000, 0x02000000, 0x40000000, 0, 0xff800000, 0x00800000);

/** Writes `files` (path relative to the root → content) into a new temp root and returns it. */
export function machineTree(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'pinseq-machine-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export const KERNEL = '6.6.51+rpt-rpi-v8';

/** A Raspberry Pi 4 running Raspberry Pi OS, with `extra` files added or replaced. */
export function pi4Tree(extra: Readonly<Record<string, string | Uint8Array>> = {}): string {
  return machineTree({
    'proc/device-tree/model': 'Raspberry Pi 4 Model B Rev 1.4\0',
    'proc/device-tree/compatible': 'raspberrypi,4-model-b\0brcm,bcm2711\0',
    'proc/device-tree/#address-cells': cells(2),
    'proc/device-tree/soc/ranges': PI4_RANGES,
    'proc/cpuinfo': 'processor\t: 0\nHardware\t: BCM2835\nRevision\t: c03114\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n',
    'proc/cmdline': 'console=serial0,115200 root=PARTUUID=1234-02 rootfstype=ext4 quiet\n',
    [`boot/config-${KERNEL}`]: '# CONFIG_X is not set\nCONFIG_DEVMEM=y\nCONFIG_STRICT_DEVMEM=y\nCONFIG_IO_STRICT_DEVMEM=y\n',
    'dev/gpiomem': '',
    'dev/gpiochip0': '',
    'dev/gpiochip1': '',
    'dev/mem': '',
    'sys/class/gpio/export': '',
    'etc/group': 'root:x:0:\nsudo:x:27:pi\ngpio:x:997:pi\n',
    ...extra,
  });
}

/** A Raspberry Pi 5: RP1 behind /dev/gpiomem0, the SoC's GPIOs on gpiochip0. */
export function pi5Tree(): string {
  return machineTree({
    'proc/device-tree/model': 'Raspberry Pi 5 Model B Rev 1.0\0',
    'proc/device-tree/compatible': 'raspberrypi,5-model-b\0brcm,bcm2712\0',
    'dev/gpiomem0': '',
    'dev/gpiochip0': '',
    'etc/group': 'gpio:x:997:pi\n',
  });
}

/** The kernel config as /proc/config.gz holds it. */
export function configGz(text: string): Buffer {
  return gzipSync(Buffer.from(text));
}

/** How the made-up process looks at a fixture root. */
export interface FakeMachineOptions {
  readonly uid?: number;
  readonly userName?: string;
  readonly gids?: readonly number[];
  /** Paths (relative to the root, like 'dev/gpiomem') that access(2) refuses. */
  readonly denied?: readonly string[];
}

/** User `pi` (uid 1000) in group gpio (997) unless the options say otherwise. */
export function fakeMachine(root: string, options: FakeMachineOptions = {}): MachineAccess {
  const denied = new Set((options.denied ?? []).map((p) => join(root, p)));
  return {
    root,
    uid: options.uid ?? 1000,
    userName: options.userName ?? 'pi',
    gids: options.gids ?? [1000, 997],
    kernelRelease: KERNEL,
    canReadWrite: (path) => !denied.has(path),
  };
}
