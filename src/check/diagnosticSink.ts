/**
 * Collects the diagnostics of checking and elaborating one program. The same def body
 * or `for` body is elaborated many times, so the sink keeps one copy of each finding,
 * and while a def is being expanded it notes where it was called from.
 */
import type { Diagnostic, RelatedSpan } from '../diagnostics/diagnostic.js';
import type { Span } from '../language/span.js';

/** A located list of diagnostics without repeats. */
export class DiagnosticSink {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly expansions: RelatedSpan[] = [];

  /**
   * Adds `diagnostic` unless an identical one (code, place, message) is already there.
   * During a def expansion it gains a related span at the call, unless `asIs` is set.
   */
  report(diagnostic: Diagnostic, asIs = false): void {
    const { code, span, message } = diagnostic;
    const key = `${code}\u0000${span.file}\u0000${span.start}\u0000${span.end}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const caller = asIs ? undefined : this.expansions[this.expansions.length - 1];
    const atTheCall = caller && caller.span.file === span.file && caller.span.start <= span.start && span.end <= caller.span.end;
    // Point at the call that expanded the def, unless the finding is already at that call.
    this.list.push(caller && !atTheCall ? { ...diagnostic, related: [...(diagnostic.related ?? []), caller] } : diagnostic);
  }

  /** Runs `expand` with `call` noted as the def call being expanded, for related spans. */
  duringExpansion<T>(name: string, call: Span, expand: () => T): T {
    this.expansions.push({ message: `In the expansion of "${name}" called here.`, span: call });
    try {
      return expand();
    } finally {
      this.expansions.pop();
    }
  }

  /** True when an error (not a warning) has been reported. */
  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  /** The diagnostics so far, sorted by position: those in `firstFile` (the main script) first, then by file name. */
  sorted(firstFile?: string): Diagnostic[] {
    const rank = (file: string): string => (file === firstFile ? '' : `\u0001${file}`);
    return [...this.list].sort((a, b) => {
      const [fa, fb] = [rank(a.span.file), rank(b.span.file)];
      return fa === fb ? a.span.start - b.span.start : fa < fb ? -1 : 1;
    });
  }
}
