/**
 * One run from start to finish on the calling thread: validate the program, open the
 * backend, execute (main program, exit block, restore), collect what the backend
 * recorded, close. Shared by the worker (`startRun`) and `runInline`, so both run the
 * same code. Never throws: every failure becomes a failed outcome.
 */
import type { Backend, BackendSession } from '../backends/backend.js';
import { BackendWatchClock } from '../clock/backendWatchClock.js';
import type { Clock } from '../clock/clock.js';
import { DEFAULT_LATENESS_THRESHOLD_NS, type ExecutionOutcome, type ExecutorLinks, type ExecutorOptions } from '../executor/execution.js';
import { execute } from '../executor/executor.js';
import { isSimSession } from '../backends/sim/simBackend.js';
import { LatenessHistogram } from '../executor/latenessHistogram.js';
import type { RegisterLayout } from '../program/program.js';
import { type RunError, runErrorFrom } from './runResult.js';
import type { EdgeLogData } from '../backends/sim/edgeLog.js';
import { validateProgram } from '../program/validateProgram.js';

/** What a session run produced, as plain data (it crosses threads). */
export interface SessionOutput {
  readonly outcome: ExecutionOutcome;
  /** The simulator's edges (sim backends only). */
  readonly edges?: EdgeLogData | undefined;
  /** Function-select and level words before the first op, as `[offset, value]`, to seed trace replay. */
  readonly initialWords?: readonly (readonly [number, number])[] | undefined;
}

/** Options of {@link runSession}. */
export interface SessionOptions extends ExecutorOptions {
  /** Snapshot the initial words for trace replay. */
  readonly snapshot?: boolean | undefined;
}

/**
 * Validates `program`, opens a session from `backend` (a factory, so errors thrown while
 * creating the backend are caught too), and executes it.
 */
export function runSession(program: unknown, backend: () => Backend, clock: Clock, links: ExecutorLinks, options: SessionOptions = {}): SessionOutput {
  const validation = validateProgram(program);
  if (!validation.ok) {
    return notRun(options, { code: 'E_PROGRAM_INVALID', message: `The program is not valid: ${validation.errors.join('; ')}.`, pc: -1 });
  }
  const valid = validation.program;
  let session: BackendSession;
  try {
    session = backend().open(valid);
  } catch (error) {
    return notRun(options, runErrorFrom(error, -1));
  }
  if (session.regs.length < valid.layout.windowBytes >>> 2) {
    session.close();
    return notRun(options, { code: 'E_MAP', message: `The ${session.name} backend gave a window of ${session.regs.length * 4} bytes; the program needs ${valid.layout.windowBytes}.`, pc: -1 });
  }
  const initialWords = options.snapshot ? snapshotWords(valid.layout, session.regs) : undefined;
  // A buffered session's failures are checked at every flush; an mmap session's (a window
  // file truncated under the mapping) only by watching after each sleep.
  const failure = session.failure;
  const runClock = session.flush === null && failure ? new BackendWatchClock(clock, failure, links.control) : clock;
  let outcome = execute(valid, session, runClock, links, options);
  const edges = isSimSession(session) ? session : undefined;
  session.close();
  // close() applies the simulator's late inputs, so read its edges afterwards.
  const edgeData = edges?.edgeLog.data();
  const late = session.failure?.();
  if (late && !outcome.error) outcome = { ...outcome, status: 'failed', error: runErrorFrom(late, -1) };
  return { outcome, edges: edgeData, initialWords };
}

/** The function-select and level words of the window (never other registers: reading event detect is not ours to do). */
function snapshotWords(layout: RegisterLayout, regs: Uint32Array): [number, number][] {
  const words: [number, number][] = [];
  const fs = layout.functionSelect;
  const fselWords = Math.ceil(layout.gpioCount / fs.pinsPerWord);
  for (let i = 0; i < fselWords; i++) words.push([fs.base + i * 4, regs[(fs.base >>> 2) + i]!]);
  for (const offset of layout.level) words.push([offset, regs[offset >>> 2]!]);
  return words;
}

/** The output of a run that failed before its first op. */
export function notRun(options: Pick<ExecutorOptions, 'latenessThresholdNs'>, error: RunError): SessionOutput {
  const lateness = new LatenessHistogram(options.latenessThresholdNs ?? DEFAULT_LATENESS_THRESHOLD_NS).summary();
  return { outcome: { status: 'failed', error, exitRan: false, instants: 0, overruns: 0, lateness, elapsedNs: 0 } };
}

