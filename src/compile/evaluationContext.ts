/**
 * What evaluating an expression needs: the chip (to check pins), where to report, what
 * each name resolved to, and the values bound in the current expansion.
 */
import type { Chip } from '../chips/chip.js';
import type { Declaration } from '../check/declaration.js';
import type { DiagnosticSink } from '../check/diagnosticSink.js';
import type { NameResolution } from '../check/resolveNames.js';
import type { Value } from './values.js';

/**
 * Values bound to declarations: globals once for the whole program, locals (def
 * arguments, loop variables, block-local consts) per def expansion. Declarations are
 * unique objects, so there is no shadowing to handle here: resolution already did it.
 * A binding to `undefined` is a value that failed to evaluate (already reported).
 */
export class Bindings {
  private readonly locals = new Map<Declaration, Value | undefined>();

  constructor(private readonly globals: Map<Declaration, Value | undefined> = new Map()) {}

  /** The value of `declaration` here, or undefined when it has none. */
  get(declaration: Declaration): Value | undefined {
    return this.locals.has(declaration) ? this.locals.get(declaration) : this.globals.get(declaration);
  }

  /** Binds a local (an argument, loop variable or block-local pin or const). */
  bind(declaration: Declaration, value: Value | undefined): void {
    this.locals.set(declaration, value);
  }

  /** Binds a global (a top-level pin alias, const or param). */
  bindGlobal(declaration: Declaration, value: Value | undefined): void {
    this.globals.set(declaration, value);
  }

  /** Fresh bindings for a def expansion: the same globals, no locals. */
  forExpansion(): Bindings {
    return new Bindings(this.globals);
  }
}

/** Everything expression evaluation reads. */
export interface EvaluationContext {
  readonly chip: Chip;
  readonly sink: DiagnosticSink;
  readonly resolution: NameResolution;
  readonly bindings: Bindings;
}
