/** Durations given to the library as text (`'10s'`, `'250ms'`) or as nanoseconds. */
import { decodeDuration } from '../language/literals.js';

/** Returns `value` in nanoseconds; throws a RangeError naming `option` for text that is not a duration. */
export function durationOption(option: string, value: string | number): number {
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new RangeError(`${option} must be a non-negative number of nanoseconds, not ${value}.`);
    return value;
  }
  const decoded = decodeDuration(value);
  if (!decoded.ok) throw new RangeError(`${option} expects a duration such as 10s or 250ms, not "${value}".`);
  return decoded.value.ns;
}
