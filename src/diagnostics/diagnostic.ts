/**
 * The one diagnostic type every phase reports: lexing, parsing, checking, compiling,
 * and (through a program's span table) running. Phases collect diagnostics and return
 * them; they never throw on bad input.
 */
import type { Span } from '../language/span.js';
import type { DiagnosticCode } from './codes.js';

/** How bad a diagnostic is: an error stops compilation, a warning does not. */
export type Severity = 'error' | 'warning';

/** A secondary location that helps explain a diagnostic ("first set here", "called from here"). */
export interface RelatedSpan {
  readonly message: string;
  readonly span: Span;
}

/**
 * A located message about a script.
 *
 * `message` is one sentence ending with a period, naming identifiers in double quotes.
 * `hint` is an optional second sentence saying how to fix it (`Did you mean "5ms"?`).
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string | undefined;
  readonly related?: readonly RelatedSpan[] | undefined;
}

/** The `--json` shape of a diagnostic (SPEC §4). */
export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

/** Converts a diagnostic to the flat JSON object of SPEC §4. */
export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  const message = d.hint ? `${d.message} ${d.hint}` : d.message;
  return {
    file: d.span.file,
    line: d.span.line,
    column: d.span.column,
    endLine: d.span.endLine,
    endColumn: d.span.endColumn,
    severity: d.severity,
    code: d.code,
    message,
  };
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Builds an error diagnostic; a small helper so call sites read as sentences. */
export function error(code: DiagnosticCode, span: Span, message: string, hint?: string, related?: readonly RelatedSpan[]): Diagnostic {
  return { code, severity: 'error', message, span, hint, related };
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, span: Span, message: string, hint?: string, related?: readonly RelatedSpan[]): Diagnostic {
  return { code, severity: 'warning', message, span, hint, related };
}
