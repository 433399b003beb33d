/**
 * The language half of the library API: text → AST → diagnostics → Program. None of
 * these throw on bad input; they return what they could build and every diagnostic.
 */
import { type CompileOptions, type CompileResult, compileFile as compileScriptFile, compileSource } from '../compile/compileScript.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { Script } from '../language/ast.js';
import { parseScript } from '../language/parse.js';

/** Options naming the file a text came from (for spans, and to resolve its imports). */
export interface SourceOptions {
  /** The file the text belongs to; imports resolve relative to it. Default `<inline>.gpio` in the current directory. */
  readonly file?: string | undefined;
}

/** Parses one file's text into an AST with spans, and its syntax diagnostics. Imports are not followed. */
export function parse(text: string, options: SourceOptions = {}): { readonly ast: Script; readonly diagnostics: readonly Diagnostic[] } {
  const { script, diagnostics } = parseScript(text, options.file ?? '<inline>.gpio');
  return { ast: script, diagnostics };
}

/**
 * Every diagnostic of a script (errors and warnings), the same as `pinseq check`:
 * syntax, imports, names, types and units, pins and `allow`, and the lowering's limits.
 */
export function check(text: string, options: CompileOptions & SourceOptions = {}): readonly Diagnostic[] {
  return compileSource(text, options).diagnostics;
}

/**
 * Compiles script text to a {@link CompileResult}: `program` is present exactly when
 * there are no errors. `options.chip` picks the chip when the script has no `chip`
 * statement; `options.params` overrides params (`{ step: '20ms' }`).
 */
export function compile(text: string, options: CompileOptions & SourceOptions = {}): CompileResult {
  return compileSource(text, options);
}

/** Compiles a script file and its imports; see {@link compile}. */
export function compileFile(file: string, options: CompileOptions = {}): CompileResult {
  return compileScriptFile(file, options);
}

/**
 * Thrown (or rejected with) by the run helpers of the library when a script does not
 * compile: `diagnostics` holds every problem, and the message is them formatted the
 * way `pinseq check` prints them (file:line:col, source line, caret).
 */
export class CompileError extends Error {
  override readonly name = 'CompileError';

  constructor(readonly diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`${errors.length} error${errors.length === 1 ? '' : 's'} in the script:\n${formatDiagnostics(errors, sources)}`);
  }
}
