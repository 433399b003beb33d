/**
 * The intermediate representation: a script with every name resolved, every `def`
 * expanded, every `for` unrolled, every param bound and every expression evaluated,
 * but not yet tied to a chip's registers. Pins are SoC GPIO numbers. Pin operations are
 * already grouped into instants (SPEC §1 "Instants"); folding an instant into register
 * writes is the per-chip lowering's job.
 */
import type { Pull } from '../language/ast.js';
import type { Span } from '../language/span.js';

/** Drive one pin: `level` 1 = high, 0 = low, `toggle` = invert (resolved later where known). */
export interface IrDrive {
  readonly kind: 'drive';
  readonly pin: number;
  readonly level: 0 | 1 | 'toggle';
  readonly span: Span;
}

/** Change one pin's function (and, for inputs, its pull). */
export interface IrMode {
  readonly kind: 'mode';
  readonly pin: number;
  readonly fn: 'out' | 'in' | 'alt';
  /** The alternate function number, for `fn: 'alt'`. */
  readonly alt?: number | undefined;
  /** The pull to apply, for `fn: 'in'` written with `pull …`. */
  readonly pull?: Pull | undefined;
  readonly span: Span;
}

/** One pin action inside an instant, in source order. */
export type IrAction = IrDrive | IrMode;

/**
 * All pin operations between two schedule points. The actions keep source order so the
 * final-value-wins rule and the checker's same-instant warning can see them.
 */
export interface IrInstant {
  readonly kind: 'instant';
  readonly actions: readonly IrAction[];
  readonly span: Span;
}

/** `wait d` with d > 0: move the schedule cursor by `ns` and sleep until it. */
export interface IrWait {
  readonly kind: 'wait';
  readonly ns: number;
  readonly span: Span;
}

/**
 * A runtime loop: `repeat`, `forever` (`count: Infinity`), `every` (with `periodNs`).
 * Entering, repeating and leaving a loop each end an instant.
 */
export interface IrLoop {
  readonly kind: 'loop';
  readonly count: number;
  /** For `every`: iteration k starts at k × periodNs after the loop began. */
  readonly periodNs?: number | undefined;
  readonly body: readonly IrNode[];
  readonly span: Span;
}

/** `wait until PIN high|low [timeout d] [else < … >]`. */
export interface IrWaitLevel {
  readonly kind: 'waitLevel';
  readonly pin: number;
  readonly level: 0 | 1;
  /** Absent: wait forever. */
  readonly timeoutNs?: number | undefined;
  /** Runs when the timeout expires; absent means a timeout is a run error. */
  readonly orElse?: readonly IrNode[] | undefined;
  readonly span: Span;
}

/** `log "…"` or `mark "…"`. */
export interface IrMessage {
  readonly kind: 'log' | 'mark';
  readonly text: string;
  readonly span: Span;
}

/** Any IR node. */
export type IrNode = IrInstant | IrWait | IrLoop | IrWaitLevel | IrMessage;

/** A value a param can be bound to. Durations are in nanoseconds. */
export type ParamValue =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'duration'; readonly ns: number }
  | { readonly type: 'pins'; readonly pins: readonly number[] };

/** The whole elaborated script. */
export interface IrScript {
  /** The main file. */
  readonly file: string;
  /** The chip named by a `chip` statement, if any. */
  readonly chip?: { readonly name: string; readonly span: Span } | undefined;
  /** The pins of the `allow` statement, or undefined when the script has none. */
  readonly allow?: readonly number[] | undefined;
  /** Every param with the value it was bound to (the default or the caller's override). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Pin alias names for traces and the live view: GPIO number → the first alias naming it. */
  readonly pinNames: Readonly<Record<number, string>>;
  readonly body: readonly IrNode[];
  readonly onExit: readonly IrNode[];
}
