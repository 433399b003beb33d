/**
 * What a run reports: events while it runs ({@link RunEvent}) and a {@link RunResult}
 * when it settles. Shared by the worker host (`startRun`) and `runInline`.
 */
import type { ExecutionOutcome } from '../executor/execution.js';

/** One level change of one pin, `atNs` after the run started. */
export interface Edge {
  readonly atNs: number;
  readonly pin: number;
  readonly level: 0 | 1;
}

/** A `mark` as recorded: when it happened and its text. */
export interface Mark {
  readonly atNs: number;
  readonly text: string;
}

/** Something that happened during a run, delivered to `onEvent`. */
export type RunEvent =
  | { readonly type: 'log' | 'mark'; readonly text: string; readonly atNs: number; readonly pc: number }
  /** An `every` body ran past the start of the next iteration (`iteration` is the 0-based index of the body that overran). */
  | { readonly type: 'overrun'; readonly pc: number; readonly iteration: number; readonly lateNs: number }
  /** A program passed to `replace()` took over: the `seq`-th accepted replacement of the run (1, 2, …; a later one may overtake an earlier one still waiting). */
  | { readonly type: 'replaced'; readonly seq: number };

/** Why a run failed. */
export interface RunError {
  readonly message: string;
  /** The op the run was at (map it to source through `program.opSpans`), or -1 when no op was running (backend open, validation). */
  readonly pc: number;
  /** A stable code: a BackendError code (`E_PERMISSION` …) or one of {@link RUN_ERROR_CODES}. */
  readonly code: string;
  /** How to fix it, when the backend said. */
  readonly fix?: string | undefined;
}

/** Codes of run errors that do not come from a backend, with their meaning. */
export const RUN_ERROR_CODES = {
  E_PROGRAM_INVALID: 'The program failed the runtime\'s validation and was not run.',
  E_WAIT_TIMEOUT: 'A `wait until` timed out and has no else block.',
  E_WAIT_FOREVER: 'In virtual time, a `wait until` without timeout waits for an input that never changes.',
  E_NO_PROGRESS: 'In virtual time, a forever loop repeats without time passing, so it would never end.',
  E_BACKEND: 'The backend failed while the program ran.',
  E_WORKER: 'The worker thread running the program failed.',
  E_PIN_BUSY: 'Another run in this process holds one of the program\'s pins on the same window.',
} as const;

/** How a run ended: what the executor did, and what the host recorded around it. */
export interface RunResult extends ExecutionOutcome {
  /** Every edge (simulator always; other backends when run with `trace: true`), in time order. */
  readonly edges?: readonly Edge[] | undefined;
  readonly marks: readonly Mark[];
  /** The signal that stopped the run, when one did. */
  readonly signal?: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | undefined;
  /** Events, trace records or edges lost because a buffer was full (0 normally). */
  readonly dropped: number;
}

/**
 * A run error from anything a backend threw or recorded: a {@link BackendError}-like
 * value keeps its `E_…` code and fix; anything else is E_BACKEND.
 */
export function runErrorFrom(error: unknown, pc: number): RunError {
  const { code, fix } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; fix?: unknown };
  return {
    code: typeof code === 'string' && code.startsWith('E_') ? code : 'E_BACKEND',
    message: error instanceof Error ? error.message : String(error),
    pc,
    fix: typeof fix === 'string' ? fix : undefined,
  };
}
