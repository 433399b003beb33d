/**
 * What goes into and comes out of one execution of a program (runtime/executor/executor.ts):
 * its options, the channels it reports through, and its outcome.
 */
import type { ControlBlock, RecordSink } from '../run/control.js';
import type { LatenessSummary } from './latenessHistogram.js';
import type { Program } from '../program/program.js';
import type { RunError, RunResult } from '../run/runResult.js';

/** Options of one execution. */
export interface ExecutorOptions {
  /** Leave function-select fields as the program left them (at the end and at a hot-reload release). */
  readonly keep?: boolean | undefined;
  /** Lateness above this counts as "over" (default {@link DEFAULT_LATENESS_THRESHOLD_NS}). */
  readonly latenessThresholdNs?: number | undefined;
  /** Stop the main program when the schedule reaches this time (for `pinseq trace --for`). */
  readonly forNs?: number | undefined;
  /**
   * Play store-only loops through generated kernels where the backend allows it
   * (runtime/executor/loopKernels.ts). Default true; false keeps every op in the interpreter
   * (the reference the kernels are tested against).
   */
  readonly loopKernels?: boolean | undefined;
}

/** Where the executor reports, and where hot-reload programs come from. */
export interface ExecutorLinks {
  readonly control: ControlBlock;
  /** log, mark, overrun and replaced records. */
  readonly events: RecordSink;
  /** commit, level-read, release and replaced records, for trace replay; null when not tracing. */
  readonly trace: RecordSink | null;
  /** Copies of the level words for a live view (one per bank), or null. */
  readonly levels: Uint32Array | null;
  /** Hot-reload programs, or null when the run cannot be replaced. */
  readonly replacements: ReplacementSource | null;
}

/** Hands the executor programs posted for hot reload. */
export interface ReplacementSource {
  /** The newest program posted so far with its sequence number, or undefined when none is waiting. */
  take(): { readonly program: Program; readonly seq: number } | undefined;
}

/** What one execution did (the part of a {@link RunResult} the executor itself knows). */
export interface ExecutionOutcome {
  /** `ended`: the program reached its end; `stopped`: stop(), the AbortSignal, a signal or the `forNs` limit; `failed`: see `error`. */
  readonly status: 'ended' | 'stopped' | 'failed';
  readonly error?: RunError | undefined;
  /** True when the `on exit` block ran (it runs exactly once, unless the run failed before its first op). */
  readonly exitRan: boolean;
  /** Instants committed: COMMIT ops executed in the main program and the exit block. */
  readonly instants: number;
  /** `every` overruns (each also reported as an event). */
  readonly overruns: number;
  readonly lateness: LatenessSummary;
  /** Run time from the first op to the end of the exit block. */
  readonly elapsedNs: number;
}

/** Default lateness threshold: 100 µs, several times the hybrid sleep's typical error. */
export const DEFAULT_LATENESS_THRESHOLD_NS = 100_000;

/**
 * How often a real-clock `wait until` polls the level register. Sleeping between polls
 * keeps a CPU free; the reaction time is this plus the sleep overshoot (~30 µs).
 */
export const WAIT_LEVEL_POLL_NS = 50_000;
