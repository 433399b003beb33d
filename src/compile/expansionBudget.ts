/**
 * Limits on compile-time expansion, so no script can make the compiler run out of time,
 * memory or stack: `def a() < b(); b() >` chains double at every level, and
 * `for i in 0..1000000000` would unroll forever. Elaboration stops at the first limit
 * reached, with one E_EXPANSION_LIMIT where it happened.
 */
import { error } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../check/diagnosticSink.js';
import type { Span } from '../language/span.js';

/** Most statements elaborated plus pin actions produced, over the whole program. */
export const MAX_ELABORATION_STEPS = 500_000;
/** Deepest nesting of blocks and def calls during elaboration (defs called in loops called in defs …). */
export const MAX_EXPANSION_DEPTH = 200;

/**
 * Counts elaboration work against {@link MAX_ELABORATION_STEPS} and nesting against
 * {@link MAX_EXPANSION_DEPTH}. Running out of steps is reported at the outermost def
 * call or `for` being expanded: that is the statement to change, while the step that
 * happened to cross the line is somewhere deep inside it.
 */
export class ExpansionBudget {
  private steps = 0;
  private depth = 0;
  private stopped = false;
  private readonly expansions: Span[] = [];

  constructor(private readonly sink: DiagnosticSink) {}

  /** True once a limit was reached: every loop of the elaborator checks this and stops. */
  get exhausted(): boolean {
    return this.stopped;
  }

  /** Accounts for `steps` more work at `span`; false (with one diagnostic) when that is over the limit. */
  spend(steps: number, span: Span): boolean {
    if (this.stopped) return false;
    this.steps += steps;
    if (this.steps <= MAX_ELABORATION_STEPS) return true;
    this.stop(this.expansions[0] ?? span, `Expanding this makes the program too large (over ${MAX_ELABORATION_STEPS} statements and pin actions).`);
    return false;
  }

  /** Notes that a def call or `for` loop at `span` is being expanded, until {@link endExpansion}. */
  beginExpansion(span: Span): void {
    this.expansions.push(span);
  }

  /** Ends what {@link beginExpansion} began. */
  endExpansion(): void {
    this.expansions.pop();
  }

  /** Enters a block or def body; false (with one diagnostic) when that is nested too deep. */
  enter(span: Span): boolean {
    if (this.stopped) return false;
    if (++this.depth <= MAX_EXPANSION_DEPTH) return true;
    this.stop(span, `Blocks and def calls nest more than ${MAX_EXPANSION_DEPTH} deep here once defs are expanded.`);
    return false;
  }

  /** Leaves what {@link enter} entered. */
  leave(): void {
    this.depth--;
  }

  private stop(span: Span, message: string): void {
    this.stopped = true;
    // The span already says where; a note about the innermost def being expanded would only mislead.
    this.sink.report(error('E_EXPANSION_LIMIT', span, message, 'Use repeat, which stays a loop at run time, instead of for or deeply nested defs.'), true);
  }
}
