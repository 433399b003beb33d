/**
 * How long before a deadline the real clock stops sleeping and starts spinning.
 *
 * A blocking sleep (`Atomics.wait`) wakes late: by the thread's timer slack (set to 1 ns
 * by the clock), the kernel's wake-up latency, and on a VM the exit from a deep idle
 * state, which grows with the sleep's length (reference/node-measurements.md §3: ~15–50 µs
 * median, p99 ~100–250 µs, longer for 10 ms sleeps). The spin after the sleep absorbs
 * that, so the margin must exceed the overshoot, or the deadline is missed by the excess.
 *
 * The margin is therefore a base, plus a fraction of the sleep's length, plus what this
 * thread has actually seen: an overshoot beyond the base raises the base at once (to 1.5×
 * the overshoot, capped), and it relaxes back towards the configured base by 1/16 of the
 * gap per well-behaved sleep. Spinning costs CPU, never accuracy, so the policy errs long.
 */

/** The configured base margin: 250 µs keeps a 1 ns-slack sleep's usual overshoot inside it. */
export const DEFAULT_SPIN_MARGIN_NS = 250_000;
/** Extra margin per nanosecond slept: 3% (300 µs more for a 10 ms sleep). */
export const SPIN_MARGIN_FRACTION = 0.03;
/** The learned base never exceeds this: beyond it the thread was preempted, which no margin fixes. */
export const MAX_SPIN_MARGIN_NS = 2_000_000;

/** The spin-margin policy of one thread's clock. Allocation-free. */
export class SpinMargin {
  private learned: number;

  /** @param baseNs the margin with no history (and the floor it relaxes back to) */
  constructor(readonly baseNs: number = DEFAULT_SPIN_MARGIN_NS) {
    this.learned = baseNs;
  }

  /** The margin to keep before a deadline `remainingNs` away. */
  before(remainingNs: number): number {
    return this.learned + remainingNs * SPIN_MARGIN_FRACTION;
  }

  /** Records that a sleep meant to end at some time ended `overshootNs` after it (negative: woken early). */
  observe(overshootNs: number): void {
    if (overshootNs > this.learned) {
      const raised = overshootNs * 1.5;
      this.learned = raised < MAX_SPIN_MARGIN_NS ? raised : MAX_SPIN_MARGIN_NS;
    } else if (this.learned > this.baseNs) {
      this.learned -= (this.learned - this.baseNs) / 16;
    }
  }

  /** The current learned base (for tests and diagnostics). */
  get currentNs(): number {
    return this.learned;
  }
}
