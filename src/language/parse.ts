/**
 * Text → AST for one file: lex, parse (with error recovery), build the AST, and collect
 * every problem found on the way as a located diagnostic. This is the language layer's
 * front door; `load.ts` builds on it to follow imports.
 */
import { lexGpio, parseTokens } from '../../grammar/index.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Script } from './ast.js';
import { checkTokenNesting, MAX_NESTING } from './nesting.js';
import { spanAt } from './span.js';
import { endOfInputSpan, lexErrorToDiagnostic, parseErrorsToDiagnostics } from './syntaxDiagnostics.js';
import { cstToAst } from './toAst.js';

/** The AST of one file and everything wrong with its syntax. */
export interface ParseResult {
  /** The statements that parsed completely; broken ones are left out, not guessed at. */
  readonly script: Script;
  /** E_LEX, E_SYNTAX, E_NUMBER, E_STRING and E_NESTING_LIMIT diagnostics, in source order. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses `text` (the contents of `file`) into a {@link Script}. Never throws: lexing and
 * syntax errors become diagnostics, and parsing carries on after each one, so a file with
 * several mistakes reports several.
 */
export function parseScript(text: string, file: string): ParseResult {
  const scriptSpan = spanAt(file, text, 0, text.length);
  const empty: Script = { kind: 'Script', file, statements: [], span: scriptSpan };
  const { tokens, lexErrors } = lexGpio(text);
  const diagnostics = lexErrors.map((e) => lexErrorToDiagnostic(e, file, text));

  // Too deep a nesting would overflow the parser's stack; refuse it before parsing.
  const nesting = checkTokenNesting(tokens, file);
  if (nesting) return { script: empty, diagnostics: [...diagnostics, nesting] };

  try {
    const { cst, parseErrors } = parseTokens(tokens);
    // One by one: push(...list) passes the list as arguments, which overflows the stack for a file of 100,000+ errors.
    for (const d of parseErrorsToDiagnostics(parseErrors, tokens, file)) diagnostics.push(d);
    const script = cstToAst(cst, { file, diagnostics }, scriptSpan);
    return { script, diagnostics: diagnostics.sort((a, b) => a.span.start - b.span.start) };
  } catch (e) {
    // The nesting check should make this unreachable; if the stack still runs out (a caller
    // already deep in recursion), report it instead of crashing.
    if (!(e instanceof RangeError)) throw e;
    const span = endOfInputSpan([], file);
    diagnostics.push(error('E_NESTING_LIMIT', span, `This file is nested too deeply to parse (more than about ${MAX_NESTING} levels).`));
    return { script: empty, diagnostics };
  }
}
