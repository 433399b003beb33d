/**
 * An append-only log of edges in typed arrays: recording an edge stores two numbers,
 * so the simulator's flush does not allocate per edge. The arrays double when full
 * (rare and amortised) up to a cap, past which edges are counted as dropped.
 */
import type { Edge } from '../../run/runResult.js';

/** The log's contents as plain typed arrays, for postMessage (transferable). */
export interface EdgeLogData {
  readonly times: Float64Array;
  /** `pin * 2 + level` per edge. */
  readonly codes: Int32Array;
  readonly length: number;
  readonly dropped: number;
}

/** Default cap: 16 M edges (~200 MB), far beyond any trace a person reads. */
export const DEFAULT_MAX_EDGES = 1 << 24;

/** Records edges in arrival order. */
export class EdgeLog {
  private times: Float64Array;
  private codes: Int32Array;
  private count = 0;
  private lost = 0;

  constructor(initialCapacity = 4096, private readonly maxEdges = DEFAULT_MAX_EDGES) {
    this.times = new Float64Array(initialCapacity);
    this.codes = new Int32Array(initialCapacity);
  }

  /** Edges recorded. */
  get length(): number {
    return this.count;
  }

  /** Edges not recorded because the cap was reached. */
  get dropped(): number {
    return this.lost;
  }

  /** Records that `pin` went to `level` at `atNs`. */
  push(atNs: number, pin: number, level: number): void {
    if (this.count === this.times.length && !this.grow()) {
      this.lost++;
      return;
    }
    this.times[this.count] = atNs;
    this.codes[this.count] = pin * 2 + level;
    this.count++;
  }

  /** A copy of the recorded edges as plain arrays (trimmed to length). */
  data(): EdgeLogData {
    return { times: this.times.slice(0, this.count), codes: this.codes.slice(0, this.count), length: this.count, dropped: this.lost };
  }

  /** The edges as objects, in time order (stable for equal times). */
  edges(): Edge[] {
    return edgesFromData(this.data());
  }

  private grow(): boolean {
    if (this.times.length >= this.maxEdges) return false;
    const size = Math.min(this.maxEdges, this.times.length * 2);
    const times = new Float64Array(size);
    const codes = new Int32Array(size);
    times.set(this.times);
    codes.set(this.codes);
    this.times = times;
    this.codes = codes;
    return true;
  }
}

/** Turns logged edges into {@link Edge} objects sorted by time (stable). */
export function edgesFromData(data: EdgeLogData): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < data.length; i++) {
    const code = data.codes[i]!;
    edges.push({ atNs: data.times[i]!, pin: code >> 1, level: (code & 1) as 0 | 1 });
  }
  // Inputs are applied when the executor next looks, so their edges can arrive after later output edges.
  return edges.sort((a, b) => a.atNs - b.atNs);
}
