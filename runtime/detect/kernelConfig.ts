/**
 * What the running kernel allows through /dev/mem: CONFIG_STRICT_DEVMEM (no RAM) and
 * CONFIG_IO_STRICT_DEVMEM (no I/O memory a driver has claimed, such as the GPIO block
 * the pinctrl driver holds), unless booted with `iomem=relaxed`.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { machinePath, type MachineAccess } from './machineAccess.js';

/** The kernel's /dev/mem policy, as far as it can be read. */
export interface DevmemPolicy {
  /** Where the kernel config was read from, or undefined when it could not be. */
  readonly configSource?: string | undefined;
  /** CONFIG_DEVMEM (undefined: config unknown). */
  readonly devmem?: boolean | undefined;
  readonly strictDevmem?: boolean | undefined;
  readonly ioStrictDevmem?: boolean | undefined;
  /** `iomem=relaxed` on the kernel command line lifts IO_STRICT_DEVMEM. */
  readonly iomemRelaxed: boolean;
}

/** Reads /boot/config-RELEASE (else /proc/config.gz) and /proc/cmdline under the machine's root. */
export function readDevmemPolicy(machine: MachineAccess): DevmemPolicy {
  const cmdline = readOr(() => readFileSync(machinePath(machine, 'proc/cmdline'), 'utf8')) ?? '';
  const iomemRelaxed = /(^|\s)iomem=relaxed(\s|$)/.test(cmdline);
  const bootConfig = `boot/config-${machine.kernelRelease}`;
  const sources: readonly (readonly [string, () => string])[] = [
    [`/${bootConfig}`, () => readFileSync(machinePath(machine, bootConfig), 'utf8')],
    ['/proc/config.gz', () => gunzipSync(readFileSync(machinePath(machine, 'proc/config.gz'))).toString('utf8')],
  ];
  for (const [source, read] of sources) {
    const text = readOr(read);
    if (text === undefined) continue;
    return {
      configSource: source,
      devmem: configFlag(text, 'CONFIG_DEVMEM'),
      strictDevmem: configFlag(text, 'CONFIG_STRICT_DEVMEM'),
      ioStrictDevmem: configFlag(text, 'CONFIG_IO_STRICT_DEVMEM'),
      iomemRelaxed,
    };
  }
  return { iomemRelaxed };
}

/** `CONFIG_X=y` → true; `# CONFIG_X is not set` or absent → false. */
export function configFlag(config: string, name: string): boolean {
  return new RegExp(`^${name}=y$`, 'm').test(config);
}

function readOr<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
