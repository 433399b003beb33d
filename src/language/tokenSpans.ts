/**
 * Spans from Chevrotain tokens, and the small guards the CST → AST builder uses to
 * cope with error recovery: a recovered CST node may lack children, and a token
 * inserted by recovery has no text and no position.
 */
import type { IToken } from 'chevrotain';
import type { Span } from './span.js';

/**
 * The span of one token. The lexer records only token starts: a token never crosses a
 * line (a line break is a token of its own), so it ends its length further on.
 */
export function tokenSpan(file: string, token: IToken): Span {
  const line = token.startLine ?? 1;
  const column = token.startColumn ?? 1;
  const length = token.image.length;
  return { file, start: token.startOffset, end: token.startOffset + length, line, column, endLine: line, endColumn: column + length };
}

/** The span of `length` characters starting `offset` characters into a single-line token. */
export function spanInsideToken(file: string, token: IToken, offset: number, length: number): Span {
  const start = token.startOffset + offset;
  const column = (token.startColumn ?? 1) + offset;
  const line = token.startLine ?? 1;
  return { file, start, end: start + length, line, column, endLine: line, endColumn: column + length };
}

/** A span from the start of `first` to the end of `last`. */
export function spanFromTo(first: Span, last: Span): Span {
  return {
    file: first.file,
    start: first.start,
    end: last.end,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** The first element of an optional CST child list (recovered nodes may lack any key). */
export function first<T>(list: readonly T[] | undefined): T | undefined {
  return list?.[0];
}

/** The token, unless it is absent or was invented by error recovery (empty image, no position). */
export function realToken(token: IToken | undefined): IToken | undefined {
  if (!token || token.isInsertedInRecovery || !Number.isFinite(token.startOffset)) return undefined;
  return token;
}
