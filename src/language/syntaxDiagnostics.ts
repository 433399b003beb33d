/**
 * Turns Chevrotain's lexing and parsing errors into located diagnostics (E_LEX,
 * E_SYNTAX), with a hint where a likely fix is known (`sett` → `set`, `5 ms` → `5ms`).
 */
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { tokenBefore } from '../../grammar/errorMessages.js';
import { isEndOfInput, keywordList } from '../../grammar/index.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Span } from './span.js';
import { tokenSpan } from './tokenSpans.js';

const lexHints: Readonly<Record<string, string>> = {
  '“': 'Strings use straight double quotes: "text".',
  '”': 'Strings use straight double quotes: "text".',
  "'": 'Strings use double quotes: "text".',
  '.': 'A range is written with two dots, as in 7..11.',
  '{': 'Blocks are written between < and >.',
  '}': 'Blocks are written between < and >.',
  ':': 'Header pins are written J8:11 or BOARD11.',
};

/** E_LEX for characters no token starts with, spanning the run of them the lexer skipped. */
export function lexErrorToDiagnostic(lexError: ILexingError, file: string, text: string): Diagnostic {
  const length = Math.max(1, lexError.length);
  const skipped = text.slice(lexError.offset, lexError.offset + length);
  const line = lexError.line ?? 1;
  const column = lexError.column ?? 1;
  const span: Span = { file, start: lexError.offset, end: lexError.offset + length, line, column, endLine: line, endColumn: column + length };
  const message = skipped.length === 1 ? `Unexpected character "${skipped}".` : `Unexpected characters "${skipped}".`;
  return error('E_LEX', span, message, lexHints[skipped[0] ?? '']);
}

/**
 * The zero-width span just after the last token that is not a line break, where
 * "found end of input" errors point; 1:1 when there is no such token.
 */
export function endOfInputSpan(tokens: readonly IToken[], file: string): Span {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.tokenType.name === 'Newline') continue;
    const after = tokenSpan(file, token);
    return { file, start: after.end, end: after.end, line: after.endLine, column: after.endColumn, endLine: after.endLine, endColumn: after.endColumn };
  }
  return { file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The keyword `word` is most likely a typo of (one edit away, two for long words), if any. */
export function closestKeyword(word: string): string | undefined {
  const limit = word.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const keyword of keywordList) {
    const distance = editDistance(word.toLowerCase(), keyword, limit);
    if (distance < bestDistance) {
      best = keyword;
      bestDistance = distance;
    }
  }
  return best;
}

const UNITS = new Set(['ns', 'us', 'ms', 's', 'min']);

/** A hint for a syntax error, from the tokens around it. */
function hintFor(parseError: IRecognitionException, tokens: readonly IToken[]): string | undefined {
  const found = parseError.token;
  const previous = tokenBefore(tokens, found);
  if (found.tokenType.name === 'Identifier' && UNITS.has(found.image) && previous && /^(Integer|Decimal)$/.test(previous.tokenType.name)) {
    return `Write the unit against the number: "${previous.image}${found.image}".`;
  }
  if (parseError.context.ruleStack.at(-1) === 'callStmt' && previous?.tokenType.name === 'Identifier') {
    const keyword = closestKeyword(previous.image);
    if (keyword) return `Did you mean "${keyword}"?`;
    if (found.image === '=') return `To declare a constant, write "const ${previous.image} = …".`;
  }
  return undefined;
}

/**
 * The span of the token an error was found at. A line break gets the zero-width span
 * where its line ends: "found the end of the line" then points just past the line's last
 * character, instead of at a column beyond it.
 */
function lineBreakAwareSpan(file: string, token: IToken): Span {
  const span = tokenSpan(file, token);
  return token.tokenType.name === 'Newline' ? { ...span, end: span.start, endColumn: span.column } : span;
}

/**
 * E_SYNTAX diagnostics for the parser's errors, at the offending token (or just after the
 * last token at end of input). Only the first error of each line is kept: recovery from
 * one mistake often trips over the rest of its line, and those follow-on errors are
 * noise. Errors at the end of input (an unclosed block) are always kept.
 */
export function parseErrorsToDiagnostics(parseErrors: readonly IRecognitionException[], tokens: readonly IToken[], file: string): Diagnostic[] {
  const located = parseErrors.map((parseError) => {
    const token = parseError.token;
    const atEnd = isEndOfInput(token) || !Number.isFinite(token.startOffset);
    const span = atEnd ? endOfInputSpan(tokens, file) : lineBreakAwareSpan(file, token);
    return { atEnd, diagnostic: error('E_SYNTAX', span, parseError.message, hintFor(parseError, tokens)) };
  });
  const seenLines = new Set<number>();
  const kept: Diagnostic[] = [];
  for (const { atEnd, diagnostic } of located.sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start)) {
    if (!atEnd && seenLines.has(diagnostic.span.line)) continue;
    seenLines.add(diagnostic.span.line);
    kept.push(diagnostic);
  }
  return kept;
}
