/**
 * The time axis of the SVG timing diagram: tick spacing of 1, 2 or 5 × 10ⁿ ns, and tick
 * labels in the unit that reads best for each (`250 µs`, `1.5 ms`, `10 s`).
 */

/** Unit sizes in ns, largest first. */
const UNITS: readonly (readonly [string, number])[] = [
  ['s', 1e9],
  ['ms', 1e6],
  ['µs', 1e3],
  ['ns', 1],
];

/** A tick spacing of 1, 2 or 5 × 10ⁿ ns giving about `targetTicks` intervals over `spanNs`. */
export function niceTickStep(spanNs: number, targetTicks: number): number {
  const raw = Math.max(spanNs, 1) / Math.max(targetTicks, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

/** The tick times 0, step, 2·step, … up to `endNs`. */
export function tickTimes(endNs: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = 0; k * step <= endNs + step * 1e-9; k++) ticks.push(k * step);
  return ticks;
}

/**
 * A time as a label: in the largest unit not above it, with as many decimals as the tick
 * `step` needs (so ticks 100 µs apart read `900 µs`, `1 ms`, `1.1 ms`). 0 is `0`.
 */
export function formatTickTime(ns: number, step: number): string {
  if (ns === 0) return '0';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(ns) >= s) ?? UNITS[UNITS.length - 1]!;
  const decimals = Math.max(0, Math.ceil(Math.log10(size / step) - 1e-9));
  return `${Number((ns / size).toFixed(Math.min(decimals, 9)))} ${unit}`;
}

/** A duration for captions (`1 ms`, `10 s`, `2.5 ms`): up to three significant digits. */
export function formatSpan(ns: number): string {
  if (ns === 0) return '0 s';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(ns) >= s) ?? UNITS[UNITS.length - 1]!;
  return `${Number((ns / size).toPrecision(3))} ${unit}`;
}
