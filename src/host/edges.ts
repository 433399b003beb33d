/**
 * Reading recorded edges the way a test rig asks about them: the edges of one pin,
 * its pulses and their widths, the periods between rising edges, the level at a time.
 * Works on any edge list a run returns (the simulator's, or a trace's).
 */

import type { Edge } from '../../runtime/run/runResult.js';

export type { Edge };

/** A pulse: the pin went to `level` at `startNs` and came back after `widthNs`. */
export interface Pulse {
  readonly startNs: number;
  readonly widthNs: number;
  readonly level: 0 | 1;
}

/** The edges of one pin, in time order. */
export function edgesOf(edges: readonly Edge[], pin: number): Edge[] {
  return edges.filter((e) => e.pin === pin).sort((a, b) => a.atNs - b.atNs);
}

/**
 * The complete pulses of `pin` at `level` (default high): each edge to `level` paired
 * with the next edge away from it. A pulse still open at the end is left out.
 */
export function pulsesOf(edges: readonly Edge[], pin: number, level: 0 | 1 = 1): Pulse[] {
  const pulses: Pulse[] = [];
  let start: number | undefined;
  for (const e of edgesOf(edges, pin)) {
    if (e.level === level) start ??= e.atNs;
    else if (start !== undefined) {
      pulses.push({ startNs: start, widthNs: e.atNs - start, level });
      start = undefined;
    }
  }
  return pulses;
}

/** Times between consecutive edges of `pin` to `level` (default rising), in ns. */
export function periodsOf(edges: readonly Edge[], pin: number, level: 0 | 1 = 1): number[] {
  const times = edgesOf(edges, pin).filter((e) => e.level === level).map((e) => e.atNs);
  return times.slice(1).map((t, i) => t - times[i]!);
}

/** The level of `pin` at `atNs` (after any edge at exactly that time), or `initial` before its first edge. */
export function levelAt(edges: readonly Edge[], pin: number, atNs: number, initial: 0 | 1 = 0): 0 | 1 {
  let level = initial;
  for (const e of edgesOf(edges, pin)) {
    if (e.atNs > atNs) break;
    level = e.level;
  }
  return level;
}

/**
 * True when `actual` is within `toleranceNs` of `expected`: for real-clock runs, where
 * times carry scheduling jitter. Virtual-clock runs should compare exactly.
 */
export function within(actual: number, expected: number, toleranceNs: number): boolean {
  return Math.abs(actual - expected) <= toleranceNs;
}
