/**
 * The executor's loop stack: one level per open runtime loop, in typed arrays sized
 * once from the program's `maxLoopDepth`, so entering a loop allocates nothing.
 */

/** Open loops, innermost last. Fields are public arrays: the executor's hot path reads them directly. */
export class LoopStack {
  /** Iterations still to run, counting the current one (Infinity for `forever`). */
  remaining: Float64Array;
  /** `every`: schedule time the loop began (iteration k starts at start + k × period). */
  start: Float64Array;
  /** `every`: the period in ns (0 for `repeat`). */
  period: Float64Array;
  /** `every`: index of the current iteration. */
  iteration: Float64Array;
  /** The schedule time of the last iteration end, to notice a forever loop that takes no time. */
  lastEnd: Float64Array;
  /** Open loops. */
  depth = 0;

  constructor(capacity: number) {
    const size = Math.max(1, capacity);
    this.remaining = new Float64Array(size);
    this.start = new Float64Array(size);
    this.period = new Float64Array(size);
    this.iteration = new Float64Array(size);
    this.lastEnd = new Float64Array(size);
  }

  /** Opens a loop of `count` iterations starting at `cursor`. validateProgram guarantees the nesting fits. */
  push(count: number, period: number, cursor: number): void {
    const d = this.depth;
    this.remaining[d] = count;
    this.start[d] = cursor;
    this.period[d] = period;
    this.iteration[d] = 0;
    this.lastEnd[d] = NaN;
    this.depth = d + 1;
  }

  /** Makes room for `capacity` levels (a hot-reloaded program may nest deeper); empties the stack. */
  reset(capacity: number): void {
    this.depth = 0;
    if (capacity <= this.remaining.length) return;
    const fresh = new LoopStack(capacity);
    this.remaining = fresh.remaining;
    this.start = fresh.start;
    this.period = fresh.period;
    this.iteration = fresh.iteration;
    this.lastEnd = fresh.lastEnd;
  }
}
