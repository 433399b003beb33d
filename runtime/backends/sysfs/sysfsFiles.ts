/**
 * The file side of the legacy sysfs GPIO interface (`/sys/class/gpio`, Documentation/
 * ABI/obsolete/sysfs-gpio): which number a SoC pin has there, exporting a pin and waiting
 * for the kernel (and udev) to make its files usable, and turning fs errors into
 * BackendErrors.
 */
import { existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendError } from '../backend.js';

/** The fix for sysfs files this user may not write. */
export const SYSFS_PERMISSION_FIX =
  'add yourself to the gpio group (sudo usermod -aG gpio $USER, then log in again); the Raspberry Pi OS udev rules give that group /sys/class/gpio';

// One shared word to sleep on: Atomics.wait is the only synchronous sleep in Node.
const sleepWord = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds. Used only while opening, never per instant. */
export function sleepSync(ms: number): void {
  Atomics.wait(sleepWord, 0, 0, ms);
}

/**
 * The sysfs number of SoC pin 0: the `base` of the gpiochip that carries the SoC GPIOs.
 * Newer kernels number them from 512 (Pi OS 6.6: the BCM2711 chip is gpiochip512), so a
 * SoC pin is not its sysfs number. Picks the chip labelled `pinctrl-bcm*`/`pinctrl-rp1*`,
 * else the lowest-based chip with at least `gpioCount` lines, else the lowest base; 0
 * when `root` lists no chips.
 */
export function findSysfsBase(root: string, gpioCount: number): number {
  let entries: string[];
  try {
    entries = readdirSync(root).filter((name) => /^gpiochip\d+$/.test(name));
  } catch {
    return 0;
  }
  const chips = entries
    .map((name) => ({ base: readNumber(join(root, name, 'base')), ngpio: readNumber(join(root, name, 'ngpio')), label: readText(join(root, name, 'label')) }))
    .filter((c): c is { base: number; ngpio: number; label: string } => c.base !== undefined && c.ngpio !== undefined)
    .sort((a, b) => a.base - b.base);
  const soc = chips.find((c) => /^pinctrl-(bcm|rp1)/.test(c.label)) ?? chips.find((c) => c.ngpio >= gpioCount) ?? chips[0];
  return soc?.base ?? 0;
}

/**
 * Makes sure `gpio<number>` exists under `root`, writing `number` to `export` when it
 * does not, then waits up to `timeoutMs` for its `value` file to open read/write (the
 * kernel creates the directory, then udev fixes its permissions: both take a moment).
 * Returns the open value fd and whether this call exported the pin.
 */
export function exportPin(root: string, number: number, timeoutMs: number): { fd: number; exported: boolean } {
  const dir = join(root, `gpio${number}`);
  let exported = false;
  if (!existsSync(dir)) {
    try {
      // With the newline, as `echo N > export` writes it.
      writeFileSync(join(root, 'export'), `${number}\n`);
      exported = true;
    } catch (error) {
      throw sysfsError(`exporting GPIO ${number}`, error);
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return { fd: openSync(join(dir, 'value'), 'r+'), exported };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const retry = code === 'ENOENT' || code === 'EACCES' || code === 'EPERM';
      if (!retry || Date.now() >= deadline) {
        if (exported) unexportPin(root, number);
        throw code === 'ENOENT'
          ? new BackendError('E_NOT_FOUND', 'sysfs', `${dir} did not appear within ${timeoutMs} ms of exporting GPIO ${number}`, 'check that the pin exists (`cat /sys/class/gpio/gpiochip*/base`) and is not claimed by a driver')
          : sysfsError(`opening ${dir}/value`, error);
      }
      sleepSync(5);
    }
  }
}

/** Writes `number` to `unexport`, ignoring failure (used while closing). Returns false when it failed. */
export function unexportPin(root: string, number: number): boolean {
  try {
    writeFileSync(join(root, 'unexport'), `${number}\n`);
    return true;
  } catch {
    return false;
  }
}

/** The pin's direction file says `out` (an output) or anything else (an input). */
export function readIsOutput(root: string, number: number): boolean {
  return readText(join(root, `gpio${number}`, 'direction')) === 'out';
}

/** A Node fs error from a sysfs file as a BackendError. */
export function sysfsError(what: string, error: unknown): BackendError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = (error as Error | undefined)?.message ?? String(error);
  if (code === 'EACCES' || code === 'EPERM') return new BackendError('E_PERMISSION', 'sysfs', `${what}: permission denied`, SYSFS_PERMISSION_FIX);
  if (code === 'EBUSY') return new BackendError('E_BUSY', 'sysfs', `${what}: the pin is in use (EBUSY)`, 'a driver or another program holds it: free it or leave the pin out of the script');
  if (code === 'EINVAL') return new BackendError('E_NOT_FOUND', 'sysfs', `${what}: the kernel has no such GPIO (EINVAL)`, 'check the pin number against /sys/class/gpio/gpiochip*/base and ngpio');
  if (code === 'ENOENT') return new BackendError('E_NOT_FOUND', 'sysfs', `${what}: ${detail}`);
  return new BackendError('E_IO', 'sysfs', `${what}: ${detail}`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function readNumber(path: string): number | undefined {
  const text = readText(path);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
