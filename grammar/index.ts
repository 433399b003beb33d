/**
 * The grammar's entry points: text → tokens → CST, with every lexing and parsing error
 * collected rather than thrown. The language layer (`src/language/parse.ts`) builds on
 * these; nothing here knows about the AST or diagnostics.
 */
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import type { ScriptCstNode } from './cst.js';
import { gpioParser } from './parser.js';
import { gpioLexer } from './tokens.js';

/** What lexing produced: the tokens (comments and spaces dropped) and the characters no token matched. */
export interface LexResult {
  readonly tokens: IToken[];
  readonly lexErrors: ILexingError[];
}

/** What parsing produced: a CST (partial where recovery skipped input) and the syntax errors. */
export interface CstResult extends LexResult {
  readonly cst: ScriptCstNode;
  readonly parseErrors: IRecognitionException[];
}

/** Splits `text` into tokens. Never throws; unknown characters are skipped and reported in `lexErrors`. */
export function lexGpio(text: string): LexResult {
  const result = gpioLexer.tokenize(text);
  return { tokens: result.tokens, lexErrors: result.errors };
}

/**
 * Parses already-lexed tokens into a CST. Never throws on bad input: Chevrotain's error
 * recovery reports the error and resumes at the next statement it can find.
 */
export function parseTokens(tokens: IToken[]): { cst: ScriptCstNode; parseErrors: IRecognitionException[] } {
  gpioParser.input = tokens;
  const cst = gpioParser.script() as ScriptCstNode;
  const parseErrors = [...gpioParser.errors];
  // Release the token vector: the singleton would otherwise keep the last script alive.
  gpioParser.input = [];
  return { cst, parseErrors };
}

/** Lexes and parses `text`: `{ cst, lexErrors, parseErrors }` (and the tokens). Never throws. */
export function parseCst(text: string): CstResult {
  const { tokens, lexErrors } = lexGpio(text);
  const { cst, parseErrors } = parseTokens(tokens);
  return { cst, tokens, lexErrors, parseErrors };
}

export { gpioParser, GpioParser, isEndOfInput } from './parser.js';
export { allTokens, gpioLexer, Keyword, keywordList, type KeywordText } from './tokens.js';
