/**
 * Runs a program synchronously on the calling thread: for virtual-clock runs
 * (`pinseq trace`, tests), where waits take no time. The same executor as the worker
 * runs; only the plumbing differs (records go straight to the recorder, there is no
 * worker to stop). A real-clock backend works too, but blocks the thread for the
 * whole run — use `startRun` for those.
 */
import type { Backend, BackendSpec } from '../backends/backend.js';
import { createBackend } from '../backends/create.js';
import { SimBackend } from '../backends/sim/simBackend.js';
import { type Clock, RealClock, VirtualClock } from '../clock/clock.js';
import { ControlBlock } from './control.js';
import type { Program } from '../program/program.js';
import { RunRecorder } from './runRecorder.js';
import type { RunEvent, RunResult } from './runResult.js';
import { claimPins, isClaimRefused, windowKeyOf } from './pinClaims.js';
import { notRun, runSession, type SessionOutput } from './runSession.js';

/** Options of {@link runInline}. */
export interface RunInlineOptions {
  /** Where to run: a spec, or a backend object (e.g. a {@link SimBackend} a test keeps to inspect). */
  readonly backend: BackendSpec | Backend;
  /** Leave function-select fields as the program left them. */
  readonly keep?: boolean | undefined;
  /** Record edges on backends that do not record them (by replay). */
  readonly trace?: boolean | undefined;
  readonly latenessThresholdNs?: number | undefined;
  /** Stop the main program when the schedule reaches this time (the exit block still runs). */
  readonly forNs?: number | undefined;
  /** Called for each event as it happens. */
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
}

/**
 * Runs `program` to the end on this thread and returns its result. A bad program, an
 * unusable backend or pins another run holds (E_PIN_BUSY) give a failed result, not an exception; only an exception thrown by
 * `onEvent` is rethrown, after the run has ended and cleaned up.
 */
export function runInline(program: Program, options: RunInlineOptions): RunResult {
  const { backend, clock } = resolve(options.backend);
  const recorder = new RunRecorder(program, options.onEvent);
  // The simulator records its own edges; only other backends need trace records to replay.
  const tracing = options.trace === true && !(backend instanceof SimBackend) && !isSimSpec(options.backend);
  const claim = claimPins(windowKeyOf(options.backend), program);
  let output: SessionOutput;
  if (isClaimRefused(claim)) {
    output = notRun(options, claim);
  } else {
    try {
      output = runSession(program, () => backend, clock, {
        control: new ControlBlock(),
        events: recorder.events,
        trace: tracing ? recorder.trace : null,
        levels: null,
        replacements: null,
      }, { keep: options.keep, latenessThresholdNs: options.latenessThresholdNs, forNs: options.forNs, snapshot: tracing });
    } finally {
      claim.release();
    }
  }
  const result = recorder.result(output, { tracing, dropped: 0 });
  if (recorder.eventHandlerError !== undefined) throw recorder.eventHandlerError;
  return result;
}

function isSimSpec(spec: BackendSpec | Backend): boolean {
  return !('open' in spec) && spec.kind === 'sim';
}

function resolve(spec: BackendSpec | Backend): { backend: Backend; clock: Clock } {
  if ('open' in spec) {
    // A simulator brings its own clock (it stamps real-time edges with it).
    return { backend: spec, clock: spec instanceof SimBackend ? spec.clock : new RealClock() };
  }
  const clock = spec.kind === 'sim' && spec.clock === 'virtual' ? new VirtualClock() : new RealClock();
  return { backend: lazyBackend(spec, clock), clock };
}

/** Defers creating the backend into the session, where creation errors become a failed result. */
function lazyBackend(spec: BackendSpec, clock: Clock): Backend {
  return { name: spec.kind, open: (program) => createBackend(spec, clock).open(program) };
}
