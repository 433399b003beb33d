/**
 * Elaborates script text held in memory, the way `pinseq check` would a file: load
 * (parse the main file and its imports), then elaborate for a chip. Tests write scripts
 * as source text and compare diagnostics as `CODE line:column` strings.
 */
import type { ExecutionContext } from 'ava';
import { getChip } from '../../src/chips/index.js';
import { type ElaborateResult, elaborate } from '../../src/compile/elaborate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { type LoadedSources, loadProgramSources } from '../../src/language/load.js';

/** The main file's path in these tests. */
export const MAIN = '/virtual/main.gpio';

/** Options of {@link elaborateText}. */
export interface TextOptions {
  /** Chip name (default bcm2711). */
  readonly chip?: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Other files, by path relative to /virtual/. */
  readonly files?: Readonly<Record<string, string>>;
}

/** Loads `text` as /virtual/main.gpio (with `files` beside it) and elaborates it. */
export function elaborateText(text: string, options: TextOptions = {}): ElaborateResult & { loaded: LoadedSources } {
  const files = new Map<string, string>([[MAIN, text]]);
  for (const [name, content] of Object.entries(options.files ?? {})) files.set(`/virtual/${name}`, content);
  const loaded = loadProgramSources(MAIN, (path) => {
    const content = files.get(path);
    if (content === undefined) throw Object.assign(new Error(`no such file ${path}`), { code: 'ENOENT' });
    return content;
  });
  const chip = getChip(options.chip ?? 'bcm2711');
  if (!chip) throw new Error(`test asks for unknown chip ${options.chip}`);
  return { ...elaborate(loaded, { chip, params: options.params }), loaded };
}

/** A diagnostic as `CODE line:column` (`E_UNIT 2:6`), the form tests compare. */
export function located(diagnostic: Diagnostic): string {
  return `${diagnostic.code} ${diagnostic.span.line}:${diagnostic.span.column}`;
}

/**
 * Elaborates `text`, asserts it parsed cleanly (so a test cannot pass on a syntax
 * error), and returns its diagnostics as `CODE line:column` strings.
 */
export function diagnosticsOf(t: ExecutionContext, text: string, options: TextOptions = {}): string[] {
  const result = elaborateText(text, options);
  t.deepEqual(result.loaded.diagnostics.map(located), [], 'the script should parse without errors');
  return result.diagnostics.map(located);
}

/**
 * Elaborates `text` and returns the one diagnostic it must produce, after asserting
 * its code and exact position (and that it parsed cleanly).
 */
export function onlyDiagnostic(t: ExecutionContext, text: string, expected: string, options: TextOptions = {}): Diagnostic {
  const result = elaborateText(text, options);
  t.deepEqual(result.loaded.diagnostics.map(located), [], 'the script should parse without errors');
  t.deepEqual(result.diagnostics.map(located), [expected]);
  return result.diagnostics[0]!;
}
