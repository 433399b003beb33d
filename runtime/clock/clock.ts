/**
 * Clocks for the executor: time in nanoseconds since the run started, and sleeping
 * until an absolute deadline that a stop or replace request can cut short.
 *
 * {@link RealClock} sleeps the hybrid way measured in reference/node-measurements.md §3:
 * `Atomics.wait` on the control doorbell until shortly before the deadline (so
 * `Atomics.notify` wakes it at once), then a spin on the clock for the last stretch;
 * how long that stretch is adapts to the overshoot seen (runtime/clock/spinMargin.ts).
 * {@link VirtualClock} takes no wall time: a wait just moves time to its deadline.
 */
import { Control } from '../run/control.js';
import { loadLibc, PR_GET_TIMERSLACK, PR_SET_TIMERSLACK, type Libc } from '../ffi/libc.js';
import { DEFAULT_SPIN_MARGIN_NS, SpinMargin } from './spinMargin.js';

export { DEFAULT_SPIN_MARGIN_NS } from './spinMargin.js';

/** Results of {@link Clock.sleepStep}. */
export const Step = {
  /** The deadline has passed. */
  REACHED: 1,
  /** Not yet: call again (the caller's loop is the spin). */
  NOT_YET: 0,
  /** The doorbell differs from the value the caller saw: a stop or replace request. */
  RUNG: -1,
} as const;

/** The executor's view of time. */
export interface Clock {
  /** True when waits take no wall time and time is the schedule. */
  readonly virtual: boolean;
  /** Makes now 0 (and prepares the calling thread for precise sleeps). */
  start(): void;
  /** Nanoseconds since {@link Clock.start}. Does not allocate. */
  now(): number;
  /**
   * Sleeps until `deadlineNs`. Returns true when the deadline was reached, false as soon
   * as the doorbell word of `control` differs from `seen` (a stop or replace request).
   */
  sleepUntil(deadlineNs: number, control: Int32Array, seen: number): boolean;
  /**
   * One step towards `deadlineNs`, for a caller that spins in its own loop: {@link Step}
   * REACHED when the deadline has passed, RUNG when the doorbell differs from `seen`,
   * else NOT_YET, after sleeping first when the deadline is further off than the spin
   * margin. The executor spins through its op loop this way, so that loop stays
   * optimised and in cache even when waits are long and instants few.
   */
  sleepStep(deadlineNs: number, control: Int32Array, seen: number): number;
  /** Busy-waits `ns` (register settle times); virtual clocks return at once. */
  spin(ns: number): void;
  /** Undoes what {@link Clock.start} changed on the thread. */
  finish(): void;
}

/** A monotonic nanosecond reading relative to a captured origin. */
interface MonotonicSource {
  capture(): void;
  elapsed(): number;
}

/**
 * CLOCK_MONOTONIC through koffi into a native timespec: ~60 ns per read and no
 * allocation, where `Number(process.hrtime.bigint() - origin)` allocates BigInts.
 */
class LibcMonotonic implements MonotonicSource {
  private originSeconds = 0;
  private originNanos = 0;
  constructor(private readonly libc: Libc) {}

  capture(): void {
    this.libc.readMonotonic();
    const w = this.libc.monotonic;
    this.originSeconds = (w[0]! >>> 0) + w[1]! * 2 ** 32;
    this.originNanos = w[2]!;
  }

  elapsed(): number {
    this.libc.readMonotonic();
    const w = this.libc.monotonic;
    // Relative seconds keep the result exact in a double however long the machine has been up.
    return ((w[0]! >>> 0) + w[1]! * 2 ** 32 - this.originSeconds) * 1e9 + (w[2]! - this.originNanos);
  }
}

/** The fallback where koffi cannot load: correct, but allocates a BigInt per read. */
class HrtimeMonotonic implements MonotonicSource {
  private origin = 0n;
  capture(): void {
    this.origin = process.hrtime.bigint();
  }
  elapsed(): number {
    return Number(process.hrtime.bigint() - this.origin);
  }
}

/** Options of {@link RealClock}. */
export interface RealClockOptions {
  /** The base spin margin (see runtime/clock/spinMargin.ts); default {@link DEFAULT_SPIN_MARGIN_NS}. */
  readonly spinMarginNs?: number | undefined;
}

/**
 * Wall-clock time for real runs. `start()` also sets the calling thread's timer slack
 * to 1 ns (`prctl(PR_SET_TIMERSLACK)`), which cuts sleep overshoot from ~100 µs to
 * ~30 µs; `finish()` puts the previous slack back.
 */
export class RealClock implements Clock {
  readonly virtual = false;
  private readonly source: MonotonicSource;
  private readonly libc: Libc | undefined;
  private readonly margin: SpinMargin;
  private previousSlack = -1;

  constructor(options: RealClockOptions = {}) {
    this.margin = new SpinMargin(options.spinMarginNs ?? DEFAULT_SPIN_MARGIN_NS);
    let libc: Libc | undefined;
    try {
      libc = loadLibc();
    } catch {
      libc = undefined;
    }
    this.libc = libc;
    this.source = libc ? new LibcMonotonic(libc) : new HrtimeMonotonic();
  }

  start(): void {
    if (this.libc && this.previousSlack < 0) {
      this.previousSlack = this.libc.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
      this.libc.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
    }
    this.source.capture();
  }

  now(): number {
    return this.source.elapsed();
  }

  sleepUntil(deadlineNs: number, control: Int32Array, seen: number): boolean {
    for (;;) {
      // NOT_YET: the loop is the spin, re-reading the doorbell and the clock.
      const step = this.sleepStep(deadlineNs, control, seen);
      if (step !== Step.NOT_YET) return step === Step.REACHED;
    }
  }

  sleepStep(deadlineNs: number, control: Int32Array, seen: number): number {
    if (Atomics.load(control, Control.DOORBELL) !== seen) return Step.RUNG;
    const now = this.source.elapsed();
    const remaining = deadlineNs - now;
    if (remaining <= 0) return Step.REACHED;
    const margin = this.margin.before(remaining);
    if (remaining > margin) {
      const sleepNs = remaining - margin;
      if (Atomics.wait(control, Control.DOORBELL, seen, sleepNs / 1e6) === 'timed-out') {
        this.margin.observe(this.source.elapsed() - (now + sleepNs));
      }
    }
    return Step.NOT_YET;
  }

  spin(ns: number): void {
    const end = this.source.elapsed() + ns;
    while (this.source.elapsed() < end) {
      // Settle times are a few microseconds: sleeping would overshoot them many times over.
    }
  }

  finish(): void {
    if (this.libc && this.previousSlack > 0) this.libc.prctl(PR_SET_TIMERSLACK, this.previousSlack, 0, 0, 0);
    this.previousSlack = -1;
  }
}

/**
 * Schedule time for traces and tests: every wait returns at once with time at its
 * deadline, so recorded times equal the schedule exactly. A stop request still
 * interrupts it, so a virtual run of a `forever` loop can be stopped.
 */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private time = 0;

  start(): void {
    this.time = 0;
  }

  now(): number {
    return this.time;
  }

  sleepUntil(deadlineNs: number, control: Int32Array, seen: number): boolean {
    return this.sleepStep(deadlineNs, control, seen) === Step.REACHED;
  }

  sleepStep(deadlineNs: number, control: Int32Array, seen: number): number {
    if (Atomics.load(control, Control.DOORBELL) !== seen) return Step.RUNG;
    if (deadlineNs > this.time) this.time = deadlineNs;
    return Step.REACHED;
  }

  spin(): void {
    // Settle times take no virtual time.
  }

  finish(): void {
    // Nothing to undo.
  }
}
