/**
 * Syntax error messages as readable sentences ("Expected '>' to close the block opened
 * at 3:12, but found end of input."), in place of Chevrotain's token-path listings.
 * Chevrotain calls these builders while parsing; the messages end up on the parser's
 * `errors`, which `src/language/parse.ts` turns into located E_SYNTAX diagnostics.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType, tokenMatcher } from 'chevrotain';
import { LAngle, Newline, RAngle, Separator } from './tokens.js';

/** How a found token is named in a message: `end of input`, `the end of the line`, or its text in quotes. */
export function describeFound(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of input';
  if (token.tokenType === Newline) return 'the end of the line';
  return `"${token.image}"`;
}

/** How an expected token type is named in a message: its label (`'>'`, `a name`), else its name. */
export function describeExpected(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Where a statement may start: at the beginning, after a separator, or just inside a block. */
function startsStatement(previous: IToken | undefined): boolean {
  return !previous || previous.tokenType === EOF || previous.tokenType === LAngle || tokenMatcher(previous, Separator);
}

/**
 * The innermost `<` that is still open just before `actual` (or at the end of the
 * input), found by counting brackets; undefined when every block is closed.
 */
export function unclosedBlockBefore(tokens: readonly IToken[], actual: IToken | undefined): IToken | undefined {
  const limit = actual && Number.isFinite(actual.startOffset) ? actual.startOffset : Infinity;
  const open: IToken[] = [];
  for (const token of tokens) {
    if (token.startOffset >= limit) break;
    if (token.tokenType === LAngle) open.push(token);
    else if (token.tokenType === RAngle) open.pop();
  }
  return open.at(-1);
}

/** The token just before `token` in `tokens` (by offset), undefined at the start. */
export function tokenBefore(tokens: readonly IToken[], token: IToken): IToken | undefined {
  if (!Number.isFinite(token.startOffset)) return tokens.at(-1);
  let low = 0;
  let high = tokens.length;
  // Binary search for the first token at or after `token`; the one before it is the answer.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.startOffset < token.startOffset) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? tokens[low - 1] : undefined;
}

const noun: Readonly<Record<string, string>> = {
  operand: 'a value (a number, duration, pin, name or "(")',
  statement: 'a statement',
  inStmt: "'up', 'down' or 'none' after 'pull'",
  waitStmt: "a duration or 'until' after 'wait'",
  pinList: 'a pin or a value',
  argumentList: 'an argument',
};

/** Lists the first tokens of each alternative: "'high' or 'low'". */
function firstTokensOf(paths: readonly (readonly (readonly TokenType[])[])[]): string {
  const names = new Set<string>();
  for (const alternative of paths) {
    for (const path of alternative) {
      const first = path[0];
      if (first) names.add(describeExpected(first));
    }
  }
  const list = [...names];
  if (list.length <= 1) return list[0] ?? 'something else';
  return `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

/**
 * The message when a statement list stops at a token that is neither a statement, a
 * separator nor the expected end (`>` of a block, or the end of the file).
 */
function statementListMessage(expected: TokenType, actual: IToken, tokens: readonly IToken[]): string {
  if (expected === RAngle && actual.tokenType === EOF) {
    const opener = unclosedBlockBefore(tokens, undefined);
    const where = opener ? ` opened at ${opener.startLine}:${opener.startColumn}` : '';
    return `Expected '>' to close the block${where}, but found end of input.`;
  }
  if (expected === EOF && actual.tokenType === RAngle) return "Found '>' but there is no open block to close.";
  // Recovery builds this message after skipping ahead, so Chevrotain's `previous` is not
  // the token before `actual`; look it up.
  if (startsStatement(tokenBefore(tokens, actual))) return `Expected a statement but found ${describeFound(actual)}.`;
  return `Expected a newline or ';' after the statement, but found ${describeFound(actual)}.`;
}

/**
 * Builds the parser's message provider. `currentTokens` returns the token vector being
 * parsed, read only when a message about an unclosed block is built.
 */
export function createErrorMessages(currentTokens: () => readonly IToken[]): IParserErrorMessageProvider {
  return {
    buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
      // Chevrotain reports a statement list that ends early as a mismatch of what follows
      // the list: `>` inside a block, end of input at the top level.
      if ((ruleName === 'block' && expected === RAngle) || (ruleName === 'script' && expected === EOF)) {
        return statementListMessage(expected, actual, currentTokens());
      }
      if (ruleName === 'callStmt' && expected.name === 'LParen') {
        return `Expected '(' after "${previous.image}" to call a def, but found ${describeFound(actual)}.`;
      }
      return `Expected ${describeExpected(expected)} but found ${describeFound(actual)}.`;
    },

    buildNotAllInputParsedMessage({ firstRedundant }) {
      if (firstRedundant.tokenType === RAngle) return "Found '>' but there is no open block to close.";
      return `Expected a statement but found ${describeFound(firstRedundant)}.`;
    },

    buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
      const what = noun[ruleName] ?? firstTokensOf(expectedPathsPerAlt);
      return `Expected ${what} but found ${describeFound(actual[0])}.`;
    },

    buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
      const what = noun[ruleName] ?? firstTokensOf([expectedIterationPaths]);
      return `Expected ${what} but found ${describeFound(actual[0])}.`;
    },
  };
}
