/**
 * What the trace writers (VCD, JSON, SVG) take: the edges and marks of a run, the pins
 * to show and their names, and how long the run was. Built from a RunResult and its
 * Program by the host (`pinseq trace`, `run --trace`).
 */
import type { Edge, Mark } from '../run/runResult.js';

/** A run's waveform, ready to write. Times are ns after the run started. */
export interface TraceData {
  /** Level changes, in time order (writers sort a copy when they are not). */
  readonly edges: readonly Edge[];
  readonly marks: readonly Mark[];
  /** The pins to show, in this order (pins that only appear in `edges` are added after them). */
  readonly pins: readonly number[];
  /** Display names by pin number (`"7": "bar[0]"`), as `Program.pinNames` has them. */
  readonly pinNames: Readonly<Record<string, string>>;
  /** When the run ended: the waveform's right edge. */
  readonly endNs: number;
  /** Levels at time 0, by pin; a pin not listed starts at 0 (the simulator's reset state). */
  readonly initialLevels?: Readonly<Record<number, 0 | 1>> | undefined;
}

/** The pins a writer shows: `data.pins` in order, then any other pin that has edges, ascending. */
export function tracePins(data: TraceData): number[] {
  const listed = new Set(data.pins);
  const extra = [...new Set(data.edges.map((e) => e.pin).filter((pin) => !listed.has(pin)))].sort((a, b) => a - b);
  return [...data.pins, ...extra];
}

/** The pin's display name: its script name, else `GPIO<n>`. */
export function pinLabel(data: TraceData, pin: number): string {
  return data.pinNames[String(pin)] ?? `GPIO${pin}`;
}

/** The level `pin` starts at. */
export function initialLevel(data: TraceData, pin: number): 0 | 1 {
  return data.initialLevels?.[pin] ?? 0;
}

/** The edges in time order (ties keep their order): `data.edges` itself when already sorted. */
export function edgesInTimeOrder(data: TraceData): readonly Edge[] {
  for (let i = 1; i < data.edges.length; i++) {
    if (data.edges[i]!.atNs < data.edges[i - 1]!.atNs) return data.edges.map((e, k) => ({ e, k })).sort((a, b) => a.e.atNs - b.e.atNs || a.k - b.k).map(({ e }) => e);
  }
  return data.edges;
}
