/**
 * Source positions. Every AST node, IR node, diagnostic and program op carries a
 * {@link Span}, so any stage can point a person at the exact characters it is about.
 */

/**
 * A half-open range of characters in one source file.
 *
 * `start`/`end` are UTF-16 offsets (end exclusive); lines and columns are 1-based and
 * `endColumn` is exclusive, the convention of compilers and editors. The positions are
 * stored, not derived, because Chevrotain already knows them for every token and the
 * span table of a compiled program must survive serialisation without the source text.
 */
export interface Span {
  /** The file the text came from, as given to the parser (`<stdin>` or `<inline>` when none). */
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Returns the smallest span that covers both `a` and `b` (which must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    file: a.file,
    start: first.start,
    end: last.end,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** Computes the span of `[start, end)` in `text` by counting lines; for positions no token gives. */
export function spanAt(file: string, text: string, start: number, end: number = start): Span {
  const a = lineAndColumn(text, start);
  const b = lineAndColumn(text, end);
  return { file, start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
