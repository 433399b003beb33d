/**
 * The executor's state and its bookkeeping, apart from the op loop: what it holds about
 * the program and the session, committing instants to buffered backends, handing over
 * to a hot-reloaded program, and writing function select back at the end.
 * runtime/executor/executor.ts extends it with the op loop and the waits, the hot path.
 */
import type { BackendSession } from '../backends/backend.js';
import type { Clock } from '../clock/clock.js';
import { RecordKind, type RecordSink } from '../run/control.js';
import { DEFAULT_LATENESS_THRESHOLD_NS, type ExecutorLinks, type ExecutorOptions } from './execution.js';
import { FunctionSelectRestore } from './functionRestore.js';
import { LatenessHistogram } from './latenessHistogram.js';
import { compileLoopKernels, type LoopKernels } from './loopKernels.js';
import { LoopStack } from './loopStack.js';
import type { Program } from '../program/program.js';
import { type RunError, runErrorFrom } from '../run/runResult.js';

/**
 * Everything the executor knows and records during one execution. Not for use on its
 * own: {@link execute} (runtime/executor/executor.ts) runs it.
 */
export abstract class ExecutorCore {
  protected program: Program;
  protected code: Float64Array;
  protected regs: Uint32Array;
  protected readonly flush: ((nowNs: number) => void) | null;
  protected readonly refresh: ((nowNs: number) => void) | null;
  protected readonly nextInputChange: ((afterNs: number) => number) | null;
  protected readonly failure: (() => Error | undefined) | null;
  /** For buffered sessions: 1 at SET/CLEAR words, whose stores within one instant must accumulate. */
  protected readonly accumulate: Uint8Array | null;
  protected readonly writeOnlyWords: Int32Array;
  protected readonly levelWords: Int32Array;
  protected readonly restore: FunctionSelectRestore;
  protected readonly lateness: LatenessHistogram;
  protected readonly controlWords: Int32Array;
  protected readonly events: RecordSink;
  protected readonly trace: RecordSink | null;
  protected readonly loops: LoopStack;
  /** Whether store-only loops may run as generated kernels on this session. */
  protected readonly kernelsAllowed: boolean;
  protected kernels: LoopKernels | null;

  protected cursor = 0;
  /** The WAIT whose deadline the op loop is spinning towards (-1: none), and the cursor before it. */
  protected waitingPc = -1;
  protected waitStart = 0;
  /** A WAIT reached its deadline and its lateness is still to be recorded (see {@link settleLateness}). */
  protected latenessDue = false;
  protected pc = 0;
  protected forNs: number;
  protected inMain = true;
  protected stopThreshold = 1;
  protected doorbellSeen = 0;
  protected replacesTaken = 0;
  protected instants = 0;
  protected overruns = 0;
  protected error: RunError | undefined;

  constructor(
    program: Program,
    session: BackendSession,
    protected readonly clock: Clock,
    protected readonly links: ExecutorLinks,
    protected readonly options: ExecutorOptions,
  ) {
    this.program = program;
    this.code = program.code;
    this.regs = session.regs;
    this.flush = session.flush;
    this.refresh = session.refresh;
    this.nextInputChange = session.nextInputChange ?? null;
    this.failure = session.failure ?? null;
    const layout = program.layout;
    this.writeOnlyWords = Int32Array.from([...layout.set, ...layout.clear], (o) => o >>> 2);
    this.levelWords = Int32Array.from(layout.level, (o) => o >>> 2);
    this.accumulate = session.flush === null ? null : new Uint8Array(this.regs.length);
    for (const w of this.writeOnlyWords) if (this.accumulate) this.accumulate[w] = 1;
    this.restore = new FunctionSelectRestore(this.regs.length);
    this.lateness = new LatenessHistogram(options.latenessThresholdNs ?? DEFAULT_LATENESS_THRESHOLD_NS);
    this.controlWords = links.control.words;
    this.events = links.events;
    this.trace = links.trace;
    this.forNs = options.forNs ?? Infinity;
    this.loops = new LoopStack(program.maxLoopDepth);
    // A kernel's stores must be the whole effect: no flush to call, no commit to trace, real time.
    this.kernelsAllowed = options.loopKernels !== false && session.flush === null && links.trace === null && !clock.virtual;
    this.kernels = this.kernelsFor(program);
  }

  protected kernelsFor(program: Program): LoopKernels | null {
    if (!this.kernelsAllowed) return null;
    const kernels = compileLoopKernels(program.code);
    return kernels.count > 0 ? kernels : null;
  }

  /** Ends an instant: the backend realises it, the trace records it. False when the backend failed. */
  protected commit(pc: number): boolean {
    this.instants++;
    if (this.flush !== null && !this.realise(pc)) return false;
    if (this.trace !== null) this.trace.record(RecordKind.COMMIT, pc, this.eventTime(), 0);
    if (this.latenessDue) this.settleLateness();
    return true;
  }

  /**
   * Records the lateness of the last WAIT that reached its deadline, as the schedule's
   * distance to now: called when the instant after the wait is committed (so the time
   * includes its stores, and the histogram work comes after them), or when the next
   * wait begins or the run ends without one.
   */
  protected settleLateness(): void {
    if (!this.latenessDue) return;
    this.latenessDue = false;
    this.lateness.record(this.clock.now() - this.cursor);
  }

  /** Has a buffered backend realise the instant's stores. False when it failed. */
  protected realise(pc: number): boolean {
    this.flush!(this.cursor);
    // Hardware reads SET/CLEAR as 0: zeroed, the next instant's stores can accumulate.
    for (let i = 0; i < this.writeOnlyWords.length; i++) this.regs[this.writeOnlyWords[i]!] = 0;
    if (!this.backendHealthy(pc)) return false;
    // A buffered backend's level words are fresh now; an mmap's are read at waits (an MMIO read each).
    this.publishLevels();
    return true;
  }

  protected backendHealthy(pc: number): boolean {
    const failure = this.failure === null ? undefined : this.failure();
    if (failure === undefined) return true;
    this.fail(runErrorFrom(failure, pc));
    return false;
  }

  protected replaceDue(): boolean {
    return this.inMain && this.links.replacements !== null && this.links.control.replacements() > this.replacesTaken;
  }

  /**
   * Hands over to the newest posted program at the current schedule time. Its exit block
   * replaces the old one; fields the old program changed and the new one does not are
   * released (restored) now, and fields only the new one changes are snapshotted.
   */
  protected takeReplacement(): boolean {
    const next = this.links.replacements?.take();
    if (!next) return false;
    this.replacesTaken = next.seq;
    const program = next.program;
    // Released like an exit: with `keep`, an exit leaves functions alone, and so does a release.
    if (!this.options.keep) {
      this.writeBack((regs, onWrite) => this.restore.release(regs, program.restore, onWrite));
      this.restore.capture(this.regs, program.restore);
    }
    this.program = program;
    this.code = program.code;
    this.kernels = this.kernelsFor(program);
    this.loops.reset(program.maxLoopDepth);
    const t = this.eventTime();
    this.events.record(RecordKind.REPLACED, 0, next.seq, t);
    this.trace?.record(RecordKind.REPLACED, 0, next.seq, t);
    return true;
  }

  /** The final restore of function select (a failure there is reported, not thrown). */
  protected restoreAll(): void {
    try {
      this.writeBack((regs, onWrite) => this.restore.restoreAll(regs, onWrite));
    } catch (error) {
      this.fail(runErrorFrom(error, -1));
    }
  }

  /**
   * Runs a restore or release, traces its writes, and realises them as an instant of
   * their own (not counted in `instants`).
   */
  protected writeBack(apply: (regs: Uint32Array, onWrite: (offset: number, mask: number, bits: number) => void) => void): void {
    let wrote = false;
    apply(this.regs, (offset, mask, bits) => {
      wrote = true;
      this.trace?.record(RecordKind.RELEASE, offset, mask, bits);
    });
    if (!wrote) return;
    if (this.flush !== null) this.realise(-1);
    this.trace?.record(RecordKind.COMMIT, -1, this.eventTime(), 0);
  }

  protected publishLevels(): void {
    const levels = this.links.levels;
    if (levels === null) return;
    for (let i = 0; i < this.levelWords.length && i < levels.length; i++) levels[i] = this.regs[this.levelWords[i]!] ?? 0;
  }

  /** The time stamped on events: the schedule in virtual time, the clock in real time. */
  protected eventTime(): number {
    return this.clock.virtual ? this.cursor : this.clock.now();
  }

  protected fail(error: RunError): void {
    // The first failure is the cause; later ones (in the exit block) are consequences.
    this.error ??= error;
  }
}
