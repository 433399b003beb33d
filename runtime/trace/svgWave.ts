/**
 * One pin's waveform as SVG shapes: a step path through its edges, where edges closer
 * together than a pixel are drawn as a filled "busy" band instead of a smear of lines
 * (edges at the very same time, a zero-width pulse, as one full-height stroke instead)
 * (so a 1 kHz signal over 10 s stays readable and small), and at most `maxEdges` edges
 * are drawn at all.
 */
import type { Edge } from '../run/runResult.js';

/** Where a wave is drawn. */
export interface WaveGeometry {
  /** x of time 0 and pixels per ns. */
  readonly x0: number;
  readonly pxPerNs: number;
  /** x of the end of the run. */
  readonly xEnd: number;
  /** y of the high and the low level. */
  readonly yHigh: number;
  readonly yLow: number;
}

/** The shapes of one wave. */
export interface WaveShapes {
  /** `d` of the level path. */
  readonly path: string;
  /** Busy bands `[x1, x2]` where several edges share a pixel. */
  readonly busy: readonly (readonly [number, number])[];
  /** Edges not drawn because of the cap, and the x where drawing stopped; 0 and xEnd when none. */
  readonly omitted: number;
  readonly cutX: number;
}

/** Draws the wave of `edges` (this pin's edges in time order) starting at `initial`. */
export function drawWave(edges: readonly Edge[], initial: 0 | 1, geometry: WaveGeometry, maxEdges: number): WaveShapes {
  const { x0, pxPerNs, xEnd, yHigh, yLow } = geometry;
  const y = (level: 0 | 1): number => (level ? yHigh : yLow);
  const xOf = (ns: number): number => Math.min(xEnd, Math.max(x0, x0 + ns * pxPerNs));
  const drawn = Math.min(edges.length, maxEdges);
  const parts: string[] = [`M${r(x0)},${y(initial)}`];
  const busy: [number, number][] = [];
  let level = initial;
  let i = 0;
  while (i < drawn) {
    const x = xOf(edges[i]!.atNs);
    // The edges sharing this pixel column; once crowded, the run continues through
    // each following column that also has an edge.
    let column = Math.floor(x);
    let j = i + 1;
    while (j < drawn) {
      const next = Math.floor(xOf(edges[j]!.atNs));
      if (next !== column && !(j - i >= 2 && next === column + 1)) break;
      column = next;
      j++;
    }
    if (j - i === 1) {
      const edge = edges[i]!;
      if (edge.level !== level) {
        parts.push(`H${r(x)}V${y(edge.level)}`);
        level = edge.level;
      }
    } else if (edges[j - 1]!.atNs === edges[i]!.atNs) {
      // Edges at one instant (a zero-width pulse, which the checker warns about): a sharp
      // full-height stroke through each level, as a logic analyser shows a glitch; a
      // 1 px busy band here read as a faint grid line.
      parts.push(`H${r(x)}`);
      for (let k = i; k < j; k++) parts.push(`V${y(edges[k]!.level)}`);
      level = edges[j - 1]!.level;
    } else {
      const xLast = xOf(edges[j - 1]!.atNs);
      const band: [number, number] = [x, Math.max(xLast, x + 1)];
      const previous = busy[busy.length - 1];
      if (previous && band[0] - previous[1] < 1) previous[1] = band[1];
      else busy.push(band);
      level = edges[j - 1]!.level;
      parts.push(`H${r(band[0])}M${r(band[1])},${y(level)}`);
    }
    i = j;
  }
  const cutX = drawn < edges.length ? xOf(edges[drawn - 1]?.atNs ?? 0) : xEnd;
  parts.push(`H${r(cutX)}`);
  return { path: parts.join(''), busy, omitted: edges.length - drawn, cutX };
}

/** Rounds to 0.1 px: enough for the eye, and keeps the file small. */
function r(x: number): number {
  return Math.round(x * 10) / 10;
}
