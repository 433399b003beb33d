/**
 * Guest cases: pinseq driving simulated lines, sampled at marks through the kernel's
 * `sim_gpioK/value` and `pull` attributes. The scripts are in caseScripts.ts.
 */
import type { RunObservation } from './guestReport.js';
import { type GuestContext, observeRun } from './observeRun.js';

/** set / clear / write / toggle on pin 3 and an 8-pin bus (pins 8..15). */
export function setClearWrite(context: GuestContext): RunObservation {
  return observeRun(context, 'setClearWrite', { lines: [3, 8, 9, 10, 11, 12, 13, 14, 15] });
}

/** A runtime loop with real waits: six instants, each sampled after its wait. */
export function instantsInOrder(context: GuestContext): RunObservation {
  return observeRun(context, 'instantsInOrder', { lines: [4] });
}

/** `in 6 pull up|down`: the line's bias reaches gpio-sim, whose pull sets an input's level. */
export function bias(context: GuestContext): RunObservation {
  const observed = observeRun(context, 'bias', { lines: [6] });
  context.chip.setPull(6, 'pull-down');
  return observed;
}
