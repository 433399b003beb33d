/**
 * Durations as people write them: the largest unit that shows the value exactly,
 * `250ms`, `1.5ms`, `104167ns`.
 */

const UNITS: readonly (readonly [string, number])[] = [
  ['min', 60e9],
  ['s', 1e9],
  ['ms', 1e6],
  ['us', 1e3],
  ['ns', 1],
];

/** Formats `ns` nanoseconds with the largest unit in which it needs at most three decimals. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0';
  if (!Number.isFinite(ns)) return String(ns);
  for (const [unit, size] of UNITS) {
    const value = ns / size;
    const thousandths = Math.round(value * 1000);
    if (Math.abs(value) >= 1 && Math.abs(value * 1000 - thousandths) < 1e-6) return `${thousandths / 1000}${unit}`;
  }
  return `${ns}ns`;
}
