/**
 * The executor: plays a validated {@link Program} against an open backend session,
 * synchronously, on the calling thread (a worker for real runs, the caller's thread for
 * `runInline`).
 *
 * The hot path is the op loop below. An instant is a handful of 32-bit stores of
 * precomputed masks into `session.regs` (for mmap backends a view of the mapping
 * itself): no allocation, no await, no FFI call per store. Loops are counters on a
 * preallocated stack; a loop of stores only runs as a generated kernel where the backend
 * allows (runtime/executor/loopKernels.ts). Waits are absolute deadlines on a schedule cursor, so
 * loops do not drift; the spin before a deadline goes round the op loop one clock step at
 * a time, which keeps it optimised (see `guarded`); each deadline's lateness goes into a
 * fixed histogram. Events leave through a {@link RecordSink} as numbers.
 *
 * However the main program ends (end, stop, error, time limit), the `on exit` block runs
 * exactly once, then the function-select fields in `program.restore` get their pre-run
 * values back (unless `keep`). The caller closes the session afterwards; the executor has
 * dropped its reference to `regs` by then.
 */
import type { BackendSession } from '../backends/backend.js';
import { type Clock, Step } from '../clock/clock.js';
import { Control, Phase, RecordKind, type RecordSink } from '../run/control.js';
import { type ExecutionOutcome, type ExecutorLinks, type ExecutorOptions, WAIT_LEVEL_POLL_NS } from './execution.js';
import { ExecutorCore } from './executorCore.js';
import { Op, type Program } from '../program/program.js';
import { runErrorFrom } from '../run/runResult.js';

// Results of the op loop and of the waits; negative so they never collide with a pc.
const ENDED = -1;
const STOPPED = -2;
const FAILED = -3;
const LIMITED = -4;
const REPLACE = -5;
const REACHED = -6;
/** A wait's deadline is still ahead: the op loop comes back to the same WAIT (that is the spin). */
const NOT_YET = -7;

const EMPTY = new Uint32Array(0);

// Opcodes and control indexes as module constants rather than `Op.X` property loads in
// the op loop: V8 needs type feedback for a property load, so a `case Op.X` first reached
// after the loop was optimised deoptimised it (seen with --trace-deopt: a long-running
// call then stayed in the interpreter for the rest of the run).
const { WRITE, RMW, TOGGLE, COMMIT, WAIT, SPIN, LOOP, EVERY, NEXT, NEXT_EVERY, WAIT_LEVEL, JUMP, LOG, MARK, END } = Op;
const STOPS = Control.STOPS;

/**
 * Runs `program` on `session` to the end (including the exit block and the restore) and
 * reports what happened. Never throws: backend exceptions become a failed outcome.
 */
export function execute(program: Program, session: BackendSession, clock: Clock, links: ExecutorLinks, options: ExecutorOptions = {}): ExecutionOutcome {
  return new Executor(program, session, clock, links, options).run();
}

/** The op loop and the waits, on top of the state and bookkeeping of {@link ExecutorCore}. */
class Executor extends ExecutorCore {
  run(): ExecutionOutcome {
    const control = this.links.control;
    this.clock.start();
    this.doorbellSeen = control.doorbell();
    this.restore.capture(this.regs, this.program.restore);
    control.setPhase(Phase.MAIN);
    let status = control.stops() >= 1 ? STOPPED : this.guarded(0);

    let exitRan = false;
    if (control.stops() < 2) {
      // The exit block is cleanup: one stop does not cut it short, a second one does.
      control.setPhase(Phase.EXIT);
      this.inMain = false;
      this.stopThreshold = 2;
      this.forNs = Infinity;
      this.loops.reset(0);
      this.waitingPc = -1;
      if (!this.clock.virtual) this.cursor = Math.max(this.cursor, this.clock.now());
      exitRan = true;
      this.guarded(this.program.exitEntry);
    }

    this.settleLateness();
    if (!this.options.keep) this.restoreAll();
    if (this.error) status = FAILED;
    this.publishLevels();
    const elapsedNs = this.clock.virtual ? this.cursor : this.clock.now();
    this.clock.finish();
    // Drop the window before the caller unmaps it: a store after munmap is a segfault.
    this.regs = EMPTY;
    control.setPhase(Phase.DONE);
    return {
      status: status === FAILED ? 'failed' : status === ENDED ? 'ended' : 'stopped',
      error: this.error,
      exitRan,
      instants: this.instants,
      overruns: this.overruns,
      lateness: this.lateness.summary(),
      elapsedNs,
    };
  }

  /** Runs from `entry`, turning an exception (a backend's flush or refresh) into a failure at the current op. */
  private guarded(entry: number): number {
    try {
      let at = entry;
      // The op loop returns here on every step of a wait's spin (the WAIT case) and is called
      // again: V8 then optimises it as a function called often, and code it had to
      // deoptimise (a path first taken after it was optimised) is back on the next call,
      // where a single long call would stay in the interpreter for the rest of the run.
      do at = this.execute(at);
      while (at >= 0);
      return at;
    } catch (error) {
      this.fail(runErrorFrom(error, this.pc));
      return FAILED;
    }
  }

  /** The op loop. Returns ENDED, STOPPED, FAILED or LIMITED, or the pc to call it again with while a wait spins. */
  private execute(entry: number): number {
    const regs = this.regs;
    const acc = this.accumulate;
    const loops = this.loops;
    let code = this.code;
    let pc = entry;
    for (;;) {
      switch (code[pc]) {
        case WRITE: {
          const w = code[pc + 1]! >>> 2;
          const v = code[pc + 2]!;
          regs[w] = acc !== null && acc[w] !== 0 ? regs[w]! | v : v;
          pc += 3;
          break;
        }
        case RMW: {
          const w = code[pc + 1]! >>> 2;
          regs[w] = (regs[w]! & ~code[pc + 2]!) | code[pc + 3]!;
          pc += 4;
          break;
        }
        case TOGGLE: {
          this.pc = pc;
          if (this.refresh !== null) this.refresh(this.cursor);
          const mask = code[pc + 4]!;
          const high = regs[code[pc + 1]! >>> 2]! & mask;
          // The replay must toggle against what was read, which on a file is not what was written.
          if (this.trace !== null) this.trace.record(RecordKind.LEVEL_READ, pc, high >>> 0, 0);
          const s = code[pc + 2]! >>> 2;
          const c = code[pc + 3]! >>> 2;
          regs[s] = acc !== null ? regs[s]! | (mask & ~high) : mask & ~high;
          regs[c] = acc !== null ? regs[c]! | high : high;
          pc += 5;
          break;
        }
        case COMMIT:
          this.pc = pc;
          if (!this.commit(pc)) return FAILED;
          pc += 1;
          break;
        case WAIT: {
          this.pc = pc;
          if (this.waitingPc !== pc) {
            this.settleLateness();
            this.waitingPc = pc;
            this.waitStart = this.cursor;
            this.cursor += code[pc + 1]!;
            this.publishLevels();
          }
          const r = this.waitStep(this.cursor);
          // The spin before a deadline goes through the op loop (see guarded), which keeps it
          // optimised for the instant after the wait however long the wait and however few
          // the instants; with the spin inside the clock it stayed interpreted.
          if (r === NOT_YET) return pc;
          this.waitingPc = -1;
          const before = this.waitStart;
          if (r === REPLACE) {
            // The new program starts now, not at the deadline the old one slept towards; if its
            // message is not readable yet, the loop comes back to this WAIT with the old cursor.
            this.cursor = this.clock.virtual ? before : Math.max(before, this.clock.now());
            if (this.takeReplacement()) pc = 0;
            else this.cursor = before;
            code = this.code;
            break;
          }
          if (r !== REACHED) return r;
          // Measured when the instant after it has been stored (see settleLateness), not now:
          // the bookkeeping would delay the stores.
          this.latenessDue = true;
          pc += 2;
          break;
        }
        case SPIN:
          this.clock.spin(code[pc + 1]!);
          pc += 2;
          break;
        case LOOP:
          if (code[pc + 1] === 0) pc = code[pc + 2]!;
          else if (this.kernels !== null && this.kernels.at[pc] !== null) pc = this.runKernel(code, pc);
          else {
            loops.push(code[pc + 1]!, 0, this.cursor);
            pc += 3;
          }
          break;
        case EVERY:
          if (code[pc + 2] === 0) pc = code[pc + 3]!;
          else {
            loops.push(code[pc + 2]!, code[pc + 1]!, this.cursor);
            pc += 4;
          }
          break;
        case NEXT:
          if (Atomics.load(this.controlWords, STOPS) >= this.stopThreshold) return STOPPED;
          pc = this.endIteration(code, pc);
          if (pc < 0) return pc;
          code = this.code;
          break;
        case NEXT_EVERY: {
          this.pc = pc;
          const r = this.waitForNextPeriod(pc);
          if (r !== REACHED) return r;
          pc = this.endIteration(code, pc);
          if (pc < 0) return pc;
          code = this.code;
          break;
        }
        case WAIT_LEVEL: {
          this.pc = pc;
          const next = this.waitLevel(code, pc);
          if (next === REPLACE) {
            if (!this.clock.virtual) this.cursor = Math.max(this.cursor, this.clock.now());
            if (this.takeReplacement()) pc = 0;
            code = this.code;
            break;
          }
          if (next < 0) return next;
          pc = next;
          break;
        }
        case JUMP:
          // Jumps only go forwards (validateProgram), so they cannot loop without a NEXT.
          pc = code[pc + 1]!;
          break;
        case LOG:
        case MARK:
          this.events.record(code[pc] === LOG ? RecordKind.LOG : RecordKind.MARK, pc, this.eventTime(), 0);
          pc += 2;
          break;
        case END:
          if (!(this.inMain && this.replaceDue() && this.takeReplacement())) return ENDED;
          code = this.code;
          pc = 0;
          break;
        default:
          this.fail({ code: 'E_PROGRAM_INVALID', message: `Unknown opcode ${code[pc]} at ${pc}.`, pc });
          return FAILED;
      }
    }
  }

  /**
   * Plays the store-only loop at `pc` through its kernel and returns where the interpreter
   * goes on: past the loop, or (when a request rang the doorbell mid-loop) at its NEXT with
   * the loop open, so NEXT takes the stop or the replacement at that iteration boundary.
   */
  private runKernel(code: Float64Array, pc: number): number {
    const kernels = this.kernels!;
    const count = code[pc + 1]!;
    // A request already pending is the interpreter's: it acts on it after one iteration.
    if (this.links.control.stops() >= this.stopThreshold || (this.loops.depth === 0 && this.replaceDue())) {
      this.loops.push(count, 0, this.cursor);
      return pc + 3;
    }
    const done = kernels.at[pc]!(this.regs, count, this.controlWords, this.links.control.doorbell());
    this.instants += done * kernels.commits[pc]!;
    if (done >= count) return code[pc + 2]!;
    // NEXT counts the iteration that just ended, so the loop reopens with it still to go.
    this.loops.push(count - done + 1, 0, this.cursor);
    return kernels.next[pc]!;
  }

  /**
   * Sleeps until `deadline` on the clock. Returns REACHED, STOPPED, LIMITED (the
   * `forNs` limit comes first) or REPLACE (a replacement is due and the run is at top level).
   */
  private waitUntil(deadline: number): number {
    this.settleLateness();
    this.publishLevels();
    for (;;) {
      const r = this.waitStep(deadline);
      if (r !== NOT_YET) return r;
    }
  }

  /** One {@link Clock.sleepStep} towards `deadline`: what {@link waitUntil} returns, or NOT_YET. */
  private waitStep(deadline: number): number {
    const limited = deadline > this.forNs;
    const step = this.clock.sleepStep(limited ? this.forNs : deadline, this.controlWords, this.doorbellSeen);
    if (step === Step.REACHED) {
      if (!limited) return REACHED;
      this.cursor = this.forNs;
      return LIMITED;
    }
    if (step === Step.NOT_YET) return NOT_YET;
    const control = this.links.control;
    this.doorbellSeen = control.doorbell();
    if (control.stops() >= this.stopThreshold) {
      // The deadline was not reached: the schedule stops where time actually is.
      this.cursor = Math.min(this.cursor, this.clock.now());
      return STOPPED;
    }
    return this.loops.depth === 0 && this.replaceDue() ? REPLACE : NOT_YET;
  }

  /**
   * NEXT_EVERY's timing: report an overrun, then wait for the next iteration's start.
   * An overrun is the schedule running past the next start (the body's waits are longer
   * than the period) or, in real time, a body scheduled to end before it still running at
   * it. A body that ends exactly at the boundary and is merely late there is lateness.
   */
  private waitForNextPeriod(pc: number): number {
    const loops = this.loops;
    const d = loops.depth - 1;
    const k = loops.iteration[d]! + 1;
    loops.iteration[d] = k;
    const nextStart = loops.start[d]! + k * loops.period[d]!;
    const now = this.clock.virtual ? this.cursor : this.clock.now();
    const end = this.cursor > nextStart ? this.cursor : this.cursor < nextStart && now > nextStart ? now : nextStart;
    if (end > nextStart) {
      this.overruns++;
      this.events.record(RecordKind.OVERRUN, pc, k - 1, end - nextStart);
    }
    // An overrun starts the next iteration late; later ones stay on the start + k × period grid.
    if (this.cursor < nextStart) this.cursor = nextStart;
    let r: number;
    // A replacement waits for the iteration boundary, which is this deadline.
    do r = this.waitUntil(this.cursor);
    while (r === REPLACE);
    if (r === REACHED) this.lateness.record(this.clock.now() - this.cursor);
    return r;
  }

  /**
   * The end of a loop body (NEXT, NEXT_EVERY): count the iteration, jump back or leave,
   * and at the outermost loop hand over to a due replacement. Returns the next pc or FAILED.
   */
  private endIteration(code: Float64Array, pc: number): number {
    const loops = this.loops;
    const d = loops.depth - 1;
    const left = loops.remaining[d]! - 1;
    if (left === Infinity && this.clock.virtual) {
      // In virtual time a forever loop whose iteration takes no time would never end.
      if (loops.lastEnd[d] === this.cursor) {
        this.fail({ code: 'E_NO_PROGRESS', message: 'A forever loop repeats without time passing in virtual time.', pc });
        return FAILED;
      }
      loops.lastEnd[d] = this.cursor;
    }
    let next: number;
    if (left > 0) {
      loops.remaining[d] = left;
      next = code[pc + 1]!;
    } else {
      loops.depth = d;
      next = pc + 2;
    }
    return d === 0 && this.replaceDue() && this.takeReplacement() ? 0 : next;
  }

  /** WAIT_LEVEL: returns the next pc, or STOPPED / FAILED / LIMITED / REPLACE. */
  private waitLevel(code: Float64Array, pc: number): number {
    const word = code[pc + 1]! >>> 2;
    const mask = code[pc + 2]! | 0;
    const want = code[pc + 3]!;
    const timeout = code[pc + 4]!;
    const elsePc = code[pc + 5]!;
    const virtual = this.clock.virtual;
    let t = virtual ? this.cursor : Math.max(this.cursor, this.clock.now());
    const deadline = timeout >= 0 ? t + timeout : Infinity;
    for (;;) {
      if (this.refresh !== null) {
        this.refresh(t);
        if (!this.backendHealthy(pc)) return FAILED;
      }
      const v = this.regs[word]! & mask;
      if (want === 1 ? v === mask : v === 0) {
        this.cursor = t;
        return pc + 6;
      }
      if (t >= deadline) {
        this.cursor = deadline;
        if (elsePc >= 0) return elsePc;
        this.fail({ code: 'E_WAIT_TIMEOUT', message: `wait until timed out after ${timeout / 1e6} ms.`, pc });
        return FAILED;
      }
      let wake: number;
      if (virtual) {
        // Nothing changes between input changes: jump to the next one (or the deadline).
        const change = this.nextInputChange === null ? Infinity : this.nextInputChange(t);
        // A change must lie ahead; anything else would spin here forever.
        wake = Math.min(change > t ? change : Infinity, deadline);
        if (wake === Infinity && this.forNs === Infinity) {
          this.fail({ code: 'E_WAIT_FOREVER', message: 'wait until has no timeout and no input will ever change in virtual time.', pc });
          return FAILED;
        }
      } else {
        wake = Math.min(deadline, this.clock.now() + WAIT_LEVEL_POLL_NS);
      }
      const r = this.waitUntil(wake);
      if (r !== REACHED) return r;
      t = virtual ? wake : this.clock.now();
      if (virtual) this.cursor = t;
    }
  }

}
