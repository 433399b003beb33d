/**
 * The compiled program: the contract between the compiler (src/compile) and the
 * runtime. It is plain, versioned, serialisable data and chip-specific: every register
 * write is already a (byte offset, value) pair for the chip named in `chip`, checked
 * against the window size and the chip's forbidden registers at compile time and again
 * by {@link validateProgram} when the runtime loads it.
 *
 * The runtime never imports the language. A run error carries an op index (`pc`); the
 * host maps it to a source location through `opSpans` and `spans`.
 *
 * ## Encoding
 * `code` is a flat array of numbers: an opcode followed by its operands (see {@link Op}
 * and {@link OP_LENGTH}). Jump targets are indexes into `code`. The main program starts
 * at 0 and ends with `END`; the `on exit` block starts at `exitEntry` and ends with `END`.
 * Durations are whole nanoseconds (exact in a double up to 104 days).
 */

/** The value of `format` in every program. */
export const PROGRAM_FORMAT = 'pinseq-program';
/** The program format version this runtime reads and the compiler writes. */
export const PROGRAM_VERSION = 1;

/**
 * Opcodes. Operands follow the opcode in `code`; offsets are byte offsets into the
 * register window (always multiples of 4).
 */
export const Op = {
  /** `END` — the end of the main program or of the exit block. */
  END: 0,
  /** `WRITE offset value` — one 32-bit store: `window[offset] = value`. */
  WRITE: 1,
  /** `RMW offset clearMask setBits` — read-modify-write: `w = (w & ~clearMask) | setBits` (function select, pulls). */
  RMW: 2,
  /** `TOGGLE levelOffset setOffset clearOffset mask` — invert the pins of `mask` by reading the level register (used only where the compiler cannot know the level). */
  TOGGLE: 3,
  /** `COMMIT` — the end of an instant's writes: backends that do not write registers directly realise them now; traces record the instant. */
  COMMIT: 4,
  /** `WAIT ns` — advance the schedule cursor by `ns` and sleep until that absolute deadline; lateness is measured here. */
  WAIT: 5,
  /** `SPIN ns` — busy-wait `ns` without moving the schedule (register settle times such as the BCM2835 pull sequence). */
  SPIN: 6,
  /** `LOOP count exitPc` — start a loop of `count` iterations (Infinity = forever); skip to `exitPc` when count is 0. */
  LOOP: 7,
  /** `NEXT bodyPc` — end of a loop body: jump back to `bodyPc` while iterations remain. */
  NEXT: 8,
  /** `EVERY periodNs count exitPc` — start a periodic loop: iteration k starts k × period after the loop began. */
  EVERY: 9,
  /** `NEXT_EVERY bodyPc` — end of a periodic body: report an overrun if the body ran past the next start, then wait for it. */
  NEXT_EVERY: 10,
  /** `WAIT_LEVEL levelOffset mask level timeoutNs elsePc` — poll until `(window[levelOffset] & mask)` is all 1s (level 1) or all 0s (level 0); `timeoutNs` -1 = none; on timeout jump to `elsePc`, or fail the run when it is -1. */
  WAIT_LEVEL: 11,
  /** `JUMP pc`. */
  JUMP: 12,
  /** `LOG stringIndex` — a line for the runner's output. */
  LOG: 13,
  /** `MARK stringIndex` — an event for embedders and a marker in traces. */
  MARK: 14,
} as const;

/** An opcode value. */
export type OpCode = (typeof Op)[keyof typeof Op];

/** Number of `code` slots each opcode occupies, including the opcode itself. Indexed by opcode. */
export const OP_LENGTH: readonly number[] = [1, 3, 4, 5, 1, 2, 2, 3, 2, 4, 2, 6, 2, 2, 2];

/** Names of the opcodes, indexed by opcode, for the assembly printer and errors. */
export const OP_NAMES: readonly string[] = [
  'END', 'WRITE', 'RMW', 'TOGGLE', 'COMMIT', 'WAIT', 'SPIN', 'LOOP', 'NEXT', 'EVERY', 'NEXT_EVERY',
  'WAIT_LEVEL', 'JUMP', 'LOG', 'MARK',
];

/**
 * What the runtime must know about a chip's registers: enough for the simulator to
 * model them, for the chardev/sysfs backends to translate writes into line values, and
 * for the validator to refuse anything unsafe. Offsets are bytes from the window start.
 */
export interface RegisterLayout {
  /** Register model family: how SET/CLEAR/LEVEL/function-select behave. */
  readonly family: 'bcm2835';
  /** Number of GPIOs (pins 0 … gpioCount-1). */
  readonly gpioCount: number;
  /** Size of the register window to map, in bytes. */
  readonly windowBytes: number;
  /** Write-1-to-set register of each 32-pin bank (BCM2835 GPSETn). */
  readonly set: readonly number[];
  /** Write-1-to-clear register of each bank (GPCLRn). */
  readonly clear: readonly number[];
  /** Pin level register of each bank (GPLEVn). */
  readonly level: readonly number[];
  /** Function select fields: pin p lives in word `base + floor(p / pinsPerWord) * 4` at bit `(p % pinsPerWord) * bitsPerPin`. */
  readonly functionSelect: {
    readonly base: number;
    readonly pinsPerWord: number;
    readonly bitsPerPin: number;
    /** Field value meaning "input". */
    readonly input: number;
    /** Field value meaning "output". */
    readonly output: number;
  };
  /** Byte ranges `[start, end)` the runtime must never write (event detect and its enables; the kernel owns them). */
  readonly forbidden: readonly (readonly [number, number])[];
  /** Physical address of the register block, for `/dev/mem` when the device tree does not say. */
  readonly physicalBase?: number | undefined;
  /**
   * How the chip applies pull-up/down resistors, so backends that are not a register window
   * (chardev) can turn the program's pull writes into line bias. Absent: the runtime treats
   * pulls as unknown.
   */
  readonly pull?: LayoutPull | undefined;
}

/** Field values of a pull register meaning none, down and up. */
export interface PullCodes {
  readonly none: number;
  readonly down: number;
  readonly up: number;
}

/**
 * Where a chip's pull-up/down settings live (same shape as the compiler's chip data).
 * `gppud-clock`: BCM2835/6/7, a GPPUD code clocked into pins by GPPUDCLKn.
 * `pup-pdn`: BCM2711, a field per pin in GPIO_PUP_PDN_CNTRL_REGn.
 */
export type LayoutPull =
  | {
      readonly kind: 'gppud-clock';
      readonly gppud: number;
      readonly gppudclk: readonly number[];
      readonly settleNs: number;
      readonly codes: PullCodes;
    }
  | {
      readonly kind: 'pup-pdn';
      readonly base: number;
      readonly pinsPerWord: number;
      readonly bitsPerPin: number;
      readonly codes: PullCodes;
    };

/** A source location in the span table (structurally a subset of the compiler's Span). */
export interface ProgramSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A function-select field group to snapshot at start and put back at exit. */
export interface RestoreEntry {
  /** Byte offset of the function-select word. */
  readonly offset: number;
  /** The bits of that word belonging to pins whose function the script changes. */
  readonly mask: number;
}

/** A compiled program. */
export interface Program {
  readonly format: typeof PROGRAM_FORMAT;
  readonly version: typeof PROGRAM_VERSION;
  /** The chip the program was lowered for (`bcm2711`, `bcm2835`, …). */
  readonly chip: string;
  readonly layout: RegisterLayout;
  /** The ops: main program from 0, exit block from `exitEntry`. */
  readonly code: Float64Array;
  /** Start of the `on exit` block (always present; an empty block is just `END`). */
  readonly exitEntry: number;
  /** Deepest loop nesting, so the executor can size its loop stack once. */
  readonly maxLoopDepth: number;
  /** Texts of `log` and `mark` ops. */
  readonly strings: readonly string[];
  /** Source locations; `opSpans[pc]` indexes this for the op starting at `pc` (-1 elsewhere). */
  readonly spans: readonly ProgramSpan[];
  readonly opSpans: Int32Array;
  /** Function-select fields the program changes, restored at exit unless the run says keep. */
  readonly restore: readonly RestoreEntry[];
  /** Every pin the program may touch, ascending (the `allow` list, or the pins it uses). */
  readonly pins: readonly number[];
  /** Pins the program makes outputs (chardev requests them as outputs). */
  readonly outputs: readonly number[];
  /** Pins the program reads (`wait until`, runtime `toggle`). */
  readonly inputs: readonly number[];
  /** Display names: pin → alias from the script (`bar[0]` style when an alias names several). */
  readonly pinNames: Readonly<Record<string, string>>;
  /** Params as bound when compiled, for display. */
  readonly params: Readonly<Record<string, string>>;
}
