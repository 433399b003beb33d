/**
 * The simulator backend: an in-process model of the chip's GPIO registers that records
 * every edge with its time. Outputs come from the program; inputs come from a schedule
 * of {@link SimInput}s. An equal peer of the hardware backends: the executor drives it
 * through the same {@link BackendSession} contract, with an ordinary buffer as `regs`.
 *
 * Time: with `clock: 'virtual'` an edge's time is the schedule time of its instant;
 * with `clock: 'real'` (the default) it is when the instant was really flushed.
 * Initial state: every level 0 and every function-select field 0 (input), unless the
 * spec's `registers` preload words (e.g. a board whose UART pins start in ALT0).
 */
import type { Backend, BackendSession, BackendSpec, SimInput } from '../backend.js';
import { type Clock, RealClock, VirtualClock } from '../../clock/clock.js';
import { sameLayout } from '../../program/layoutEquality.js';
import type { Program } from '../../program/program.js';
import { EdgeLog } from './edgeLog.js';
import { BcmRegisterModel } from './registerModel.js';

/** The `sim` backend spec, plus an optional initial register image. */
export type SimSpec = Extract<BackendSpec, { kind: 'sim' }> & {
  /** Words to load before the run, as `[byte offset, value]` (function select or level words). */
  readonly registers?: readonly (readonly [number, number])[] | undefined;
};

/** A simulator session: a {@link BackendSession} that also exposes what it recorded. */
export interface SimSession extends BackendSession {
  /** Every edge of this session, in arrival order. */
  readonly edgeLog: EdgeLog;
  /** The register model (it outlives the session: see {@link SimBackend.model}). */
  readonly model: BcmRegisterModel;
}

/** True when `session` is a simulator session. */
export function isSimSession(session: BackendSession): session is SimSession {
  return 'edgeLog' in session && 'model' in session;
}

/**
 * A simulated board. The register model lives as long as the backend, so a second run
 * on the same instance starts from the state the first left (as a real board would);
 * each session records its own edges.
 */
export class SimBackend implements Backend {
  readonly name = 'sim';
  /** The clock runs on this backend use (the sim stamps real-time edges with it). */
  readonly clock: Clock;
  private readonly inputs: readonly SimInput[];
  private current: BcmRegisterModel | undefined;

  /**
   * @param spec the spec: clock kind, inputs, initial registers
   * @param clock the run's clock; by default a new clock of the spec's kind
   */
  constructor(private readonly spec: SimSpec = { kind: 'sim' }, clock?: Clock) {
    this.clock = clock ?? (spec.clock === 'virtual' ? new VirtualClock() : new RealClock());
    // Stable sort: two inputs at the same time apply in the order given.
    this.inputs = [...(spec.inputs ?? [])].sort((a, b) => a.atNs - b.atNs);
  }

  /** The register model of the last program's chip (undefined before the first open). */
  get model(): BcmRegisterModel | undefined {
    return this.current;
  }

  open(program: Program): SimSession {
    const layout = program.layout;
    if (!this.current || !sameLayout(this.current.layout, program.layout)) {
      this.current = new BcmRegisterModel(layout);
      for (const [offset, value] of this.spec.registers ?? []) this.current.load(offset, value);
    }
    return openSession(this.current, this.inputs, this.clock);
  }
}

function openSession(model: BcmRegisterModel, inputs: readonly SimInput[], clock: Clock): SimSession {
  const edgeLog = new EdgeLog();
  let next = 0;
  const applyInputs = (untilNs: number): void => {
    while (next < inputs.length && inputs[next]!.atNs <= untilNs) {
      const input = inputs[next++]!;
      model.drive(input.pin, input.level, input.atNs, edgeLog);
    }
  };
  // Real-clock edges carry when the write really happened, not when it was scheduled.
  const timeOf = (scheduleNs: number): number => (clock.virtual ? scheduleNs : clock.now());
  let closed = false;
  return {
    name: 'sim',
    regs: model.regs,
    edgeLog,
    model,
    flush: (nowNs) => {
      const t = timeOf(nowNs);
      applyInputs(t);
      model.commit(t, edgeLog);
    },
    refresh: (nowNs) => applyInputs(timeOf(nowNs)),
    nextInputChange: (afterNs) => {
      for (let i = next; i < inputs.length; i++) if (inputs[i]!.atNs > afterNs) return inputs[i]!.atNs;
      return Infinity;
    },
    close: () => {
      if (closed) return;
      closed = true;
      // Inputs that arrived after the last instant still belong in the trace.
      applyInputs(clock.now());
    },
  };
}
