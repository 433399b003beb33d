/**
 * A simulated gpiochip made through the kernel's gpio-sim configfs interface
 * (Documentation/admin-guide/gpio/gpio-sim.rst), with its per-line sysfs attributes:
 * `sim_gpioK/value` (the level the chip sees: what a consumer drives, else the pull) and
 * `sim_gpioK/pull` (the simulated outside world: `pull-up` or `pull-down`). Guest-only:
 * needs gpio-sim loaded and configfs mounted at /sys/kernel/config.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';

const CONFIGFS = '/sys/kernel/config/gpio-sim';

/** A line the chip itself holds from creation (gpiolib hog), so user space finds it busy. */
export interface SimHog {
  readonly line: number;
  /** The in-kernel consumer name the hog shows. */
  readonly name: string;
  readonly direction: 'input' | 'output-high' | 'output-low';
}

/** A live gpio-sim chip with one bank. Remove it with {@link SimChip.remove}. */
export interface SimChip {
  /** The character device, `/dev/gpiochipN`. */
  readonly device: string;
  /** The chip's label (what `gpiodetect` prints). */
  readonly label: string;
  readonly lines: number;
  /** The global number of line 0 in the legacy `/sys/class/gpio` interface. */
  readonly sysfsBase: number;
  /** The level the kernel reports for `line` (0 or 1). */
  value(line: number): number;
  /** The simulated pull of `line`. */
  pull(line: number): string;
  /** Sets the simulated pull of `line` (an input follows it at once). */
  setPull(line: number, pull: 'pull-up' | 'pull-down'): void;
  /** The path of `line`'s `pull` attribute (for another process to write). */
  pullPath(line: number): string;
  /** Takes the chip down and removes its configfs tree. */
  remove(): void;
}

/** Creates and brings up a gpio-sim device named `name` with one bank of `lines` lines, labelled `name`. */
export function createSimChip(name: string, lines: number, hogs: readonly SimHog[] = []): SimChip {
  const device = `${CONFIGFS}/${name}`;
  const bank = `${device}/bank0`;
  mkdirSync(device);
  mkdirSync(bank);
  writeFileSync(`${bank}/num_lines`, String(lines));
  writeFileSync(`${bank}/label`, name);
  for (const hog of hogs) {
    mkdirSync(`${bank}/line${hog.line}`);
    mkdirSync(`${bank}/line${hog.line}/hog`);
    writeFileSync(`${bank}/line${hog.line}/hog/name`, hog.name);
    writeFileSync(`${bank}/line${hog.line}/hog/direction`, hog.direction);
  }
  writeFileSync(`${device}/live`, '1');

  const platformName = readAttribute(`${device}/dev_name`);
  const chipName = readAttribute(`${bank}/chip_name`);
  const chipDir = `/sys/devices/platform/${platformName}/${chipName}`;
  const sysfsBase = legacySysfsBase(name);
  const attr = (line: number, what: 'value' | 'pull'): string => `${chipDir}/sim_gpio${line}/${what}`;
  return {
    device: `/dev/${chipName}`,
    label: name,
    lines,
    sysfsBase,
    value: (line) => Number(readAttribute(attr(line, 'value'))),
    pull: (line) => readAttribute(attr(line, 'pull')),
    setPull: (line, pull) => writeFileSync(attr(line, 'pull'), pull),
    pullPath: (line) => attr(line, 'pull'),
    remove() {
      writeFileSync(`${device}/live`, '0');
      // configfs removes groups bottom-up: hog items, line groups, the bank, the device.
      for (const hog of hogs) {
        rmdirSync(`${bank}/line${hog.line}/hog`);
        rmdirSync(`${bank}/line${hog.line}`);
      }
      rmdirSync(bank);
      rmdirSync(device);
    },
  };
}

/** The base of the chip labelled `label` in the legacy sysfs interface (`/sys/class/gpio/gpiochip<base>`). */
function legacySysfsBase(label: string): number {
  const entry = readdirSync('/sys/class/gpio').find((name) => name.startsWith('gpiochip') && readAttribute(`/sys/class/gpio/${name}/label`) === label);
  if (entry === undefined) throw new Error(`no /sys/class/gpio/gpiochip* is labelled ${label} (CONFIG_GPIO_SYSFS off?)`);
  return Number(readAttribute(`/sys/class/gpio/${entry}/base`));
}

function readAttribute(path: string): string {
  return readFileSync(path, 'utf8').trim();
}
