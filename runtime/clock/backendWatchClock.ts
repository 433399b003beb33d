/**
 * A clock that asks an mmap backend session whether its window is still sound each time
 * a sleep ends, before the executor goes on to the next instant's stores, and stops the
 * run when it is not. Mmap sessions have no `flush`, so the executor never asks them
 * for failures while the program plays; the check belongs after a sleep because a
 * run spends nearly all its time asleep, so that is when another process can break the
 * window (e.g. truncate a `file:` window, runtime/backends/mmap/file.ts).
 */
import { type Clock, Step } from './clock.js';
import type { ControlBlock } from '../run/control.js';

/** Wraps `inner`: after every sleep, `failure()`; its first report requests a stop. */
export class BackendWatchClock implements Clock {
  private reported = false;

  constructor(
    private readonly inner: Clock,
    /** The session's failure check: cheap and allocation-free while nothing is wrong. */
    private readonly failure: () => unknown,
    private readonly control: ControlBlock,
  ) {}

  get virtual(): boolean {
    return this.inner.virtual;
  }

  start(): void {
    this.inner.start();
  }

  now(): number {
    return this.inner.now();
  }

  sleepUntil(deadlineNs: number, control: Int32Array, seen: number): boolean {
    const reached = this.inner.sleepUntil(deadlineNs, control, seen);
    if (this.reported || this.failure() === undefined) return reached;
    this.reported = true;
    // A run already stopping (a signal, stop()) is in or headed for its exit block: that
    // block runs to its end as after any stop, and the failure is reported when it ends.
    if (this.control.stops() > 0) return reached;
    this.control.requestStop();
    // Not reached: the executor sees the stop now, before any store of the next instant.
    return false;
  }

  sleepStep(deadlineNs: number, control: Int32Array, seen: number): number {
    const step = this.inner.sleepStep(deadlineNs, control, seen);
    // Checked when the sleep ends, by its deadline or by the doorbell (a stop goes on to
    // the exit block's stores), not on every NOT_YET of a spin.
    if (step === Step.NOT_YET || this.reported || this.failure() === undefined) return step;
    this.reported = true;
    if (this.control.stops() > 0) return step;
    this.control.requestStop();
    return Step.RUNG;
  }

  spin(ns: number): void {
    this.inner.spin(ns);
  }

  finish(): void {
    this.inner.finish();
  }
}
