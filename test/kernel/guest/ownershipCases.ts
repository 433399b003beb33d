/**
 * Guest cases: who holds a line. A run requests its lines for its whole life and releases
 * them on close; a line someone else holds (another run, a kernel hog) is refused with E_BUSY.
 */
import { chardevBackend } from '../../../runtime/backends/chardev.js';
import type { CaseObservations, RunObservation, SysfsLine } from './guestReport.js';
import type { SimChip } from './gpioSimChip.js';
import { probeSysfsLine } from './kernelLineView.js';
import { compileForSim, observeRun } from './observeRun.js';

/** The consumer name of the hog on {@link HOGGED_LINE}. */
export const HOG_NAME = 'pinseq-test-hog';
/** The line the chip is created with a hog on. */
export const HOGGED_LINE = 31;

/** A run drives pin 20 high; sysfs cannot export it meanwhile, and can after the run. */
export function releasedOnClose(chip: SimChip): CaseObservations['releasedOnClose'] {
  let sysfsWhileHeld: SysfsLine = { export: 'not probed' };
  const run = observeRun(chip, 'out 20; set 20; mark "held"', {
    lines: [20],
    onMark: () => {
      sysfsWhileHeld = probeSysfsLine(chip.sysfsBase + 20);
    },
  });
  return { run, sysfs: probeSysfsLine(chip.sysfsBase + 20), sysfsWhileHeld };
}

/** With `keep`, pin 21 is released but stays an output. */
export function releasedKeep(chip: SimChip): CaseObservations['releasedKeep'] {
  const run = observeRun(chip, 'out 21; set 21; mark "held"', { lines: [21], keep: true });
  return { run, sysfs: probeSysfsLine(chip.sysfsBase + 21) };
}

/** While one session holds pin 22, a run on it is refused; after that session closes, it runs. */
export function busyTwice(chip: SimChip): CaseObservations['busyTwice'] {
  const script = 'out 22; set 22; mark "ran"';
  const first = chardevBackend({ kind: 'chardev', path: chip.device }).open(compileForSim('out 22'));
  let second: RunObservation;
  try {
    second = observeRun(chip, script, { lines: [22] });
  } finally {
    first.close();
  }
  return { second, afterClose: observeRun(chip, script, { lines: [22] }) };
}

/** A run on the line the chip hogs. */
export function busyHog(chip: SimChip): RunObservation {
  return observeRun(chip, `out ${HOGGED_LINE}; set ${HOGGED_LINE}`, { lines: [HOGGED_LINE] });
}

/** A run on pin 40 of a 32-line chip. */
export function notALine(chip: SimChip): RunObservation {
  return observeRun(chip, 'out 40; set 40', { lines: [] });
}
