/**
 * Guest cases: pinseq driving simulated lines, sampled at marks through the kernel's
 * `sim_gpioK/value` and `pull` attributes.
 */
import type { RunObservation } from './guestReport.js';
import type { SimChip } from './gpioSimChip.js';
import { observeRun } from './observeRun.js';

/**
 * set / clear / write / toggle on pin 3 and an 8-pin bus (pins 8..15, bit 0 on pin 8), one
 * instant per line: a mark does not end an instant, `wait 0` does.
 */
export function setClearWrite(chip: SimChip): RunObservation {
  const script = [
    'pin bus = 8..15',
    'out 3, bus',
    'set 3; mark "set 3"; wait 0',
    'clear 3; mark "clear 3"; wait 0',
    'write bus = 0xA5; mark "write 0xA5"; wait 0',
    'write bus = 0x5A; mark "write 0x5A"; wait 0',
    'toggle bus; mark "toggle"; wait 0',
    'set 3; write bus = 0xFF; mark "set 3, write 0xFF"',
  ].join('\n');
  return observeRun(chip, script, { lines: [3, 8, 9, 10, 11, 12, 13, 14, 15] });
}

/** A runtime loop with real waits: six instants, each sampled after its wait. */
export function instantsInOrder(chip: SimChip): RunObservation {
  const script = ['out 4', 'repeat 3 <', '  set 4; wait 2ms; mark "high"', '  clear 4; wait 2ms; mark "low"', '>'].join('\n');
  return observeRun(chip, script, { lines: [4] });
}

/** `in 6 pull up|down`: the line's bias reaches gpio-sim, whose pull sets an input's level. */
export function bias(chip: SimChip): RunObservation {
  const script = ['in 6 pull up; mark "pull up"; wait 0', 'in 6 pull down; mark "pull down"; wait 0', 'in 6 pull up; mark "pull up again"'].join('\n');
  const observed = observeRun(chip, script, { lines: [6] });
  chip.setPull(6, 'pull-down');
  return observed;
}
