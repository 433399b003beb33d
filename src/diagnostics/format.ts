/**
 * Prints diagnostics the way compilers do (SPEC §4):
 *
 * ```text
 * bar.gpio:4:6: error: A number without a unit where a duration is needed. [E_UNIT]
 * wait 5
 *      ^
 *   hint: Did you mean "5ms"?
 *   note: bar.gpio:2:1: first set here
 *     set 7
 *     ^~~~~
 * ```
 *
 * The source line is printed as it is, and the underline keeps its tabs, so the caret
 * lines up in any terminal. A span over several lines is underlined to the end of its
 * first line. Without the source text only the first line (and hint, notes) is printed.
 */
import type { Span } from '../language/span.js';
import type { Diagnostic } from './diagnostic.js';

/** How to print. */
export interface FormatOptions {
  /** ANSI colours (for a terminal). Default false. */
  readonly color?: boolean | undefined;
  /** Source text by file, for code frames under related notes in other files. */
  readonly sources?: ReadonlyMap<string, string> | undefined;
  /** How to show a file name (the CLI shows paths relative to the working directory). Default: as it is. */
  readonly displayFile?: ((file: string) => string) | undefined;
}

const ansi = { bold: '\x1b[1m', red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', cyan: '\x1b[36m', reset: '\x1b[0m' };

function paint(color: boolean, style: string, text: string): string {
  return color ? `${style}${text}${ansi.reset}` : text;
}

/** The text of 1-based line `line` (without its line break), or undefined past the end. */
export function sourceLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const lf = text.indexOf('\n', start);
    const cr = text.indexOf('\r', start);
    // A line ends at \n, \r\n or a lone \r: the same breaks the lexer counts.
    const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
    if (end === -1) return undefined;
    start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
  const rest = text.slice(start);
  const stop = rest.search(/\r|\n/);
  return stop === -1 ? rest : rest.slice(0, stop);
}

/**
 * The two lines of a code frame: the source line and the underline (`^` for one
 * character or an empty span, `^~~~` for longer), or nothing when the line is unknown.
 */
export function codeFrame(span: Span, text: string, color = false): string[] {
  const line = sourceLine(text, span.line);
  if (line === undefined) return [];
  const caretAt = Math.min(Math.max(span.column - 1, 0), line.length);
  const lastColumn = span.endLine === span.line ? span.endColumn - 1 : line.length;
  const width = Math.max(1, Math.min(lastColumn, line.length) - caretAt);
  // Copy tabs from the source so the caret sits under the right character.
  const pad = line.slice(0, caretAt).replace(/[^\t]/g, ' ');
  return [line, pad + paint(color, ansi.bold + ansi.green, '^' + '~'.repeat(width - 1))];
}

function location(span: Span, opts: FormatOptions): string {
  return `${opts.displayFile ? opts.displayFile(span.file) : span.file}:${span.line}:${span.column}`;
}

/**
 * Formats one diagnostic: `FILE:LINE:COL: error|warning: message [CODE]`, then the source
 * line with a caret under the span (when `sourceText` is given), then the hint and any
 * related notes. Lines are joined with `\n`; there is no trailing newline.
 */
export function formatDiagnostic(d: Diagnostic, sourceText?: string, opts: FormatOptions = {}): string {
  const color = opts.color ?? false;
  const severity = paint(color, ansi.bold + (d.severity === 'error' ? ansi.red : ansi.yellow), `${d.severity}:`);
  const lines = [`${paint(color, ansi.bold, `${location(d.span, opts)}:`)} ${severity} ${d.message} [${d.code}]`];
  if (sourceText !== undefined) lines.push(...codeFrame(d.span, sourceText, color));
  if (d.hint) lines.push(`  ${paint(color, ansi.bold + ansi.cyan, 'hint:')} ${d.hint}`);
  for (const related of d.related ?? []) {
    lines.push(`  ${paint(color, ansi.bold + ansi.cyan, 'note:')} ${location(related.span, opts)}: ${related.message}`);
    const text = related.span.file === d.span.file ? sourceText : opts.sources?.get(related.span.file);
    if (text !== undefined) lines.push(...codeFrame(related.span, text, color).map((frameLine) => `    ${frameLine}`));
  }
  return lines.join('\n');
}

/**
 * Formats a list of diagnostics, each with the code frame from `sources` (text by file).
 * Each diagnostic ends with a newline; an empty list gives an empty string.
 */
export function formatDiagnostics(list: readonly Diagnostic[], sources: ReadonlyMap<string, string>, opts: FormatOptions = {}): string {
  const withSources: FormatOptions = { ...opts, sources: opts.sources ?? sources };
  return list.map((d) => formatDiagnostic(d, sources.get(d.span.file), withSources) + '\n').join('');
}
