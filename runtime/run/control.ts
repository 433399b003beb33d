/**
 * What the host thread and the executor's worker share while a run is live, all in
 * SharedArrayBuffers so the worker never has to run its event loop:
 *
 * - the **control words**: a doorbell the worker sleeps on (`Atomics.wait`), the number
 *   of stop requests, the number of replacement programs posted, and the run's phase;
 * - **record rings** carrying events (log, mark, overrun, replaced) and trace records
 *   (commit times) from the worker to the host as fixed-size numeric records, so the
 *   executor reports without allocating;
 * - the **level words** the worker copies out for a live view.
 */

/** Indexes of the control words (an Int32Array over {@link ControlBlock.buffer}). */
export const Control = {
  /** Bumped by the host on every request; the worker's sleeps wake when it changes. */
  DOORBELL: 0,
  /** Stop requests so far: 1 stops the main program, 2 also abandons the exit block. */
  STOPS: 1,
  /** Replacement programs posted so far (hot reload). */
  REPLACES: 2,
  /** The worker's {@link Phase}. */
  PHASE: 3,
} as const;

/** Where a run is, as the worker publishes it in {@link Control.PHASE}. */
export const Phase = {
  STARTING: 0,
  MAIN: 1,
  EXIT: 2,
  DONE: 3,
} as const;

const CONTROL_WORDS = 4;

/**
 * The control words of one run. The host calls {@link ControlBlock.requestStop} and
 * {@link ControlBlock.announceReplacement}; the executor reads and sleeps on the rest.
 */
export class ControlBlock {
  /** The words, for `Atomics.wait` on {@link Control.DOORBELL}. */
  readonly words: Int32Array;

  /** Wraps `buffer` (from another thread), or allocates a new block. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(CONTROL_WORDS * 4)) {
    this.words = new Int32Array(buffer);
  }

  /** Asks the run to stop (a second call also abandons the exit block) and wakes it. */
  requestStop(): void {
    Atomics.add(this.words, Control.STOPS, 1);
    this.ring();
  }

  /** Says one more replacement program has been posted, and wakes the worker. */
  announceReplacement(): void {
    Atomics.add(this.words, Control.REPLACES, 1);
    this.ring();
  }

  /** The doorbell's current value; a sleep that saw this value wakes when it changes. */
  doorbell(): number {
    return Atomics.load(this.words, Control.DOORBELL);
  }

  /** Stop requests so far. */
  stops(): number {
    return Atomics.load(this.words, Control.STOPS);
  }

  /** Replacement programs announced so far. */
  replacements(): number {
    return Atomics.load(this.words, Control.REPLACES);
  }

  /** The run's phase. */
  phase(): number {
    return Atomics.load(this.words, Control.PHASE);
  }

  /** Publishes the run's phase (worker side). */
  setPhase(phase: number): void {
    Atomics.store(this.words, Control.PHASE, phase);
  }

  private ring(): void {
    Atomics.add(this.words, Control.DOORBELL, 1);
    Atomics.notify(this.words, Control.DOORBELL);
  }
}

/** Kinds of the numeric records the executor emits (`kind, pc, a, b`). */
export const RecordKind = {
  /** `log`: pc of the LOG op, a = time (ns since start). */
  LOG: 1,
  /** `mark`: pc of the MARK op, a = time. */
  MARK: 2,
  /** An `every` body ran past the next iteration's start: pc of NEXT_EVERY, a = iteration index, b = how late (ns). */
  OVERRUN: 3,
  /** A replacement program took over: a = its sequence number (1 for the first posted), b = time. */
  REPLACED: 4,
  /** An instant was committed: pc of the COMMIT op (-1 for the restore at the end), a = time. */
  COMMIT: 5,
  /** A function-select release outside the program's ops: pc = byte offset of the word, a = mask, b = bits put back. */
  RELEASE: 6,
  /** A runtime toggle read its level register: pc of the TOGGLE, a = the mask's bits that were high. */
  LEVEL_READ: 7,
} as const;

/** Receives the executor's records. Implementations on the hot path must not allocate. */
export interface RecordSink {
  record(kind: number, pc: number, a: number, b: number): void;
}

/** A sink that discards everything (trace records when tracing is off). */
export const discardRecords: RecordSink = { record: () => undefined };

const HEAD = 0;
const TAIL = 1;
const DROPPED = 2;
const HEADER_BYTES = 16;
const SLOTS = 4;

/**
 * A single-producer single-consumer ring of `(kind, pc, a, b)` records in a
 * SharedArrayBuffer. The worker pushes without allocating; the host drains. A full
 * ring drops the record and counts it rather than block the executor.
 */
export class RecordRing implements RecordSink {
  private readonly header: Int32Array;
  private readonly slots: Float64Array;
  private readonly mask: number;

  /** Allocates a ring of `capacity` records (rounded up to a power of two). */
  static create(capacity: number): RecordRing {
    const size = 2 ** Math.ceil(Math.log2(Math.max(2, capacity)));
    return new RecordRing(new SharedArrayBuffer(HEADER_BYTES + size * SLOTS * 8));
  }

  /** Wraps a ring's buffer (from another thread). */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.slots = new Float64Array(buffer, HEADER_BYTES);
    this.mask = this.slots.length / SLOTS - 1;
  }

  /** Appends a record, or counts it as dropped when the ring is full. */
  record(kind: number, pc: number, a: number, b: number): void {
    const head = this.header[HEAD]!;
    // Counters wrap at 2^31; `| 0` keeps the difference right across the wrap.
    if (((head - Atomics.load(this.header, TAIL)) | 0) > this.mask) {
      Atomics.add(this.header, DROPPED, 1);
      return;
    }
    const i = (head & this.mask) * SLOTS;
    this.slots[i] = kind;
    this.slots[i + 1] = pc;
    this.slots[i + 2] = a;
    this.slots[i + 3] = b;
    Atomics.store(this.header, HEAD, (head + 1) | 0);
  }

  /** Hands every record pushed so far to `visit`, oldest first, and frees their slots. */
  drain(visit: (kind: number, pc: number, a: number, b: number) => void): void {
    const head = Atomics.load(this.header, HEAD);
    let tail = this.header[TAIL]!;
    while (tail !== head) {
      const i = (tail & this.mask) * SLOTS;
      visit(this.slots[i]!, this.slots[i + 1]!, this.slots[i + 2]!, this.slots[i + 3]!);
      tail = (tail + 1) | 0;
    }
    Atomics.store(this.header, TAIL, tail);
  }

  /** Records dropped because the ring was full. */
  dropped(): number {
    return Atomics.load(this.header, DROPPED);
  }
}
