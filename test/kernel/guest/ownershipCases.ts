/**
 * Guest cases: who holds a line. A run requests its lines for its whole life and releases
 * them on close; a line someone else holds (another run, a kernel hog) is refused with E_BUSY.
 */
import { chardevBackend } from '../../../runtime/backends/chardev/chardev.js';
import type { CaseObservations, RunObservation, SysfsLine } from './guestReport.js';
import { probeSysfsLine } from './kernelLineView.js';
import { type GuestContext, observeRun } from './observeRun.js';

/** The consumer name of the hog on {@link HOGGED_LINE}. */
export const HOG_NAME = 'pinseq-test-hog';
/** The line the chip is created with a hog on. */
export const HOGGED_LINE = 31;

/** A run drives pin 20 high; sysfs cannot export it meanwhile, and can after the run. */
export function releasedOnClose(context: GuestContext): CaseObservations['releasedOnClose'] {
  const { chip } = context;
  let sysfsWhileHeld: SysfsLine = { export: 'not probed' };
  const run = observeRun(context, 'releasedOnClose', {
    lines: [20],
    onMark: () => {
      sysfsWhileHeld = probeSysfsLine(chip.sysfsBase + 20);
    },
  });
  return { run, sysfs: probeSysfsLine(chip.sysfsBase + 20), sysfsWhileHeld };
}

/** With `keep`, pin 21 is released but stays an output. */
export function releasedKeep(context: GuestContext): CaseObservations['releasedKeep'] {
  const run = observeRun(context, 'releasedKeep', { lines: [21], keep: true });
  return { run, sysfs: probeSysfsLine(context.chip.sysfsBase + 21) };
}

/** While one session holds pin 22, a run on it is refused; after that session closes, it runs. */
export function busyTwice(context: GuestContext): CaseObservations['busyTwice'] {
  const first = chardevBackend({ kind: 'chardev', path: context.chip.device }).open(context.programs.busyHolder);
  let second: RunObservation;
  try {
    second = observeRun(context, 'busyTwice', { lines: [22] });
  } finally {
    first.close();
  }
  return { second, afterClose: observeRun(context, 'busyTwice', { lines: [22] }) };
}

/** A run on the line the chip hogs. */
export function busyHog(context: GuestContext): RunObservation {
  return observeRun(context, 'busyHog', { lines: [HOGGED_LINE] });
}

/** A run on pin 40 of a 32-line chip. */
export function notALine(context: GuestContext): RunObservation {
  return observeRun(context, 'notALine', { lines: [] });
}
