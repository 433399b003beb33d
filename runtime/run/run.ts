/**
 * Runs a program off the main thread: `startRun` starts a worker that plays the program
 * while the caller's event loop stays free. The host and the worker share control words
 * (stop, replace), record rings (events, trace) and the level words of a live view
 * through SharedArrayBuffers (runtime/run/control.ts); the host drains the rings on a timer.
 *
 * Stopping: `stop()`, the AbortSignal, or (by default) SIGINT/SIGTERM/SIGHUP while the run is
 * live wake the worker at once, even in a long wait; the exit block runs, function
 * select is restored, the window is unmapped, and the result says `stopped`. A second
 * stop abandons the exit block (the restore still happens). The process is not exited:
 * the caller decides (the CLI exits 130).
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { BackendSpec } from '../backends/backend.js';
import { ControlBlock, Phase, RecordRing } from './control.js';
import type { Program } from '../program/program.js';
import { RunRecorder } from './runRecorder.js';
import type { RunError, RunEvent, RunResult } from './runResult.js';
import { claimPins, isClaimRefused, windowKeyOf } from './pinClaims.js';
import { sameLayout } from '../program/layoutEquality.js';
import { notRun, type SessionOutput } from './runSession.js';
import { type StopSignal, stopOnSignals } from './signalStops.js';
import { validateProgram } from '../program/validateProgram.js';
import type { ReplacementMessage, WorkerDone, WorkerInput } from './workerProtocol.js';

/** Options of {@link startRun}. */
export interface StartRunOptions {
  /** Where to run (resolve `auto` first). */
  readonly backend: BackendSpec;
  /** Leave function-select fields as the program left them. */
  readonly keep?: boolean | undefined;
  /** Stops the run when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Record edges on backends that do not record them (the simulator always does). */
  readonly trace?: boolean | undefined;
  /** Lateness above this counts as "over" (default 100 µs). */
  readonly latenessThresholdNs?: number | undefined;
  /** Stop the main program when the schedule reaches this time (the exit block still runs). */
  readonly forNs?: number | undefined;
  /** Called on the caller's thread for each event, in order (at most ~{@link DRAIN_INTERVAL_MS} ms after it happened). */
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
  /** Stop the run on SIGINT, SIGTERM and SIGHUP while it is live (default true). */
  readonly stopOnSignals?: boolean | undefined;
}

/** A live run. */
export interface RunHandle {
  /** Settles when the run has ended, its exit block has run and the backend is closed. Never rejects. */
  readonly result: Promise<RunResult>;
  /** Stops the run (idempotent while the exit block runs; a second call abandons it). */
  stop(): void;
  /** A snapshot of the level words (one per 32-pin bank), as of the worker's last wait. */
  levels(): Uint32Array;
  /**
   * Hot reload: `program` takes over at the next iteration boundary of the outermost loop,
   * or at once when no loop is running. Refused (with the reason) when the program is
   * invalid, is for another chip or window, or the run is past its main program.
   */
  replace(program: Program): { readonly accepted: boolean; readonly reason?: string };
}

/** How often the host drains the event and trace rings. */
export const DRAIN_INTERVAL_MS = 5;
const EVENT_RING_RECORDS = 4096;
const TRACE_RING_RECORDS = 1 << 16;

/** Starts `program` on a worker thread and returns a handle to it. */
export function startRun(program: Program, options: StartRunOptions): RunHandle {
  const control = new ControlBlock();
  const events = RecordRing.create(EVENT_RING_RECORDS);
  // The simulator records its own edges; only other backends need trace records to replay.
  const tracing = options.trace === true && options.backend.kind !== 'sim';
  const traceRing = tracing ? RecordRing.create(TRACE_RING_RECORDS) : null;
  const levels = new Uint32Array(new SharedArrayBuffer(Math.max(1, program.layout.level.length) * 4));
  const recorder = new RunRecorder(program, options.onEvent);
  // Claimed here, in the thread that starts runs, so every run it starts sees the others' pins.
  const claim = claimPins(windowKeyOf(options.backend), program);
  if (isClaimRefused(claim)) return notStarted(recorder, claim, options);
  const channel = new MessageChannel();
  const input: WorkerInput = {
    program,
    backend: options.backend,
    keep: options.keep === true,
    latenessThresholdNs: options.latenessThresholdNs,
    forNs: options.forNs,
    trace: tracing,
    control: control.buffer,
    events: events.buffer,
    traceRing: traceRing?.buffer ?? null,
    levels: levels.buffer as SharedArrayBuffer,
    replacements: channel.port2,
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: input, transferList: [channel.port2] });
  } catch (error) {
    // e.g. a program that cannot be cloned to the worker (DataCloneError).
    channel.port1.close();
    claim.release();
    return notStarted(recorder, { code: 'E_WORKER', message: `The run's worker could not start: ${(error as Error).message}`, pc: -1 }, options);
  }

  let signal: StopSignal | undefined;
  let settled = false;
  let posted = 0;
  const drain = (): void => {
    events.drain(recorder.events.record);
    traceRing?.drain(recorder.trace.record);
  };
  const timer = setInterval(drain, DRAIN_INTERVAL_MS);
  // The worker keeps the process alive while it runs; the drain timer need not.
  timer.unref();
  const stop = (): void => control.requestStop();
  const unregister = options.stopOnSignals === false ? () => undefined : stopOnSignals((name) => {
    signal ??= name;
    stop();
  });
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();

  const result = new Promise<RunResult>((resolve) => {
    const settle = (done: WorkerDone | undefined, failure?: string): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      drain();
      claim.release();
      unregister();
      options.signal?.removeEventListener('abort', stop);
      channel.port1.close();
      const dropped = events.dropped() + (traceRing?.dropped() ?? 0);
      const output = done?.output ?? workerFailure(failure ?? 'The run\'s worker ended without a result.', options);
      resolve(recorder.result(output, { tracing, dropped, signal }));
      if (recorder.eventHandlerError !== undefined) {
        // Surface the caller's own exception without losing the run's result.
        queueMicrotask(() => {
          throw recorder.eventHandlerError;
        });
      }
    };
    worker.on('message', (message: WorkerDone) => settle(message));
    worker.on('error', (error) => settle(undefined, `The run's worker failed: ${error.message}`));
    worker.on('exit', () => settle(undefined));
  });

  return {
    result,
    stop,
    levels: () => levels.slice(),
    replace: (next) => {
      if (settled || control.phase() > Phase.MAIN) return { accepted: false, reason: 'The run is past its main program.' };
      const validation = validateProgram(next);
      if (!validation.ok) return { accepted: false, reason: `The program is not valid: ${validation.errors.join('; ')}.` };
      if (next.chip !== program.chip || !sameLayout(next.layout, program.layout)) return { accepted: false, reason: `The program is for ${next.chip}, the run for ${program.chip}: a replacement must use the same register window.` };
      const busy = claim.extend(next);
      if (busy) return { accepted: false, reason: busy.message };
      const unclaimed = pinsNotClaimed(options.backend, program, next);
      if (unclaimed.length) return { accepted: false, reason: `The ${options.backend.kind} backend claimed the first program's pins when the run started; pin${unclaimed.length === 1 ? '' : 's'} ${unclaimed.join(', ')} cannot be added to a running program.` };
      const seq = ++posted;
      recorder.addReplacement(seq, next);
      const message: ReplacementMessage = { seq, program: next };
      channel.port1.postMessage(message);
      control.announceReplacement();
      return { accepted: true };
    },
  };
}

/**
 * The pins of `next` that the run's backend cannot reach: chardev requests and sysfs
 * exports the first program's pins when the run opens, and writes to any other pin
 * would be silently dropped. Register-window backends reach every pin.
 */
function pinsNotClaimed(backend: BackendSpec, first: Program, next: Program): number[] {
  if (backend.kind !== 'chardev' && backend.kind !== 'sysfs') return [];
  const claimed = new Set(first.pins);
  return next.pins.filter((pin) => !claimed.has(pin));
}

function workerFailure(message: string, options: StartRunOptions): SessionOutput {
  return notRun(options, { code: 'E_WORKER', message, pc: -1 });
}

function notStarted(recorder: RunRecorder, error: RunError, options: StartRunOptions): RunHandle {
  const result = Promise.resolve(recorder.result(notRun(options, error), { tracing: false, dropped: 0 }));
  return {
    result,
    stop: () => undefined,
    levels: () => new Uint32Array(0),
    replace: () => ({ accepted: false, reason: 'The run never started.' }),
  };
}
