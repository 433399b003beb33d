/**
 * The property every fuzz input must satisfy: compiling it (compileFile, compileSource)
 * and checking it (checkScript) never throw, return only diagnostics located inside the
 * files they name, give a program exactly when there is no error, the program passes the
 * runtime's validateProgram, and each of the three takes under {@link MAX_MS_PER_STAGE}.
 * {@link examineInput} returns what went wrong instead of asserting, so the quick ava pass
 * and the long runner share it.
 */
import { performance } from 'node:perf_hooks';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import { checkScript } from '../../src/check/checkScript.js';
import { getChip } from '../../src/chips/index.js';
import { compileFile, compileSource, type CompileResult } from '../../src/compile/compileScript.js';
import { type Diagnostic, hasErrors } from '../../src/diagnostics/diagnostic.js';
import { loadProgramSources } from '../../src/language/load.js';
import type { Span } from '../../src/language/span.js';
import type { FuzzInput } from './_inputs.js';

/**
 * Slower than this for one compile or check of one input is a failure. Generous: the
 * slowest generated input (a 20,000-item line) takes a few hundred ms, and a loaded
 * 2-core CI machine must not turn that into a flaky failure.
 */
export const MAX_MS_PER_STAGE = 2000;

/** Where the fuzzed main file lives (nothing is read from disk: files come from the input). */
export const FUZZ_DIR = '/fuzz/';
const MAIN = `${FUZZ_DIR}main.gpio`;

/** What one input did. */
export interface Verdict {
  /** Everything wrong, each a sentence; empty when the input passed. */
  readonly problems: readonly string[];
  /** True when something threw (a crash, as opposed to a wrong location or a slow input). */
  readonly threw: boolean;
  /** Time for the whole input (two compiles and a check). */
  readonly ms: number;
  readonly produced: 'program' | 'errors';
}

/** Runs the input through compileFile, compileSource and checkScript and reports every broken promise. */
export function examineInput(input: FuzzInput): Verdict {
  const files = new Map<string, string>([[MAIN, input.main]]);
  for (const [name, text] of Object.entries(input.files)) files.set(FUZZ_DIR + name, text);
  const readFile = (path: string): string => {
    const text = files.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    return text;
  };
  const problems: string[] = [];
  let threw = false;
  let produced: Verdict['produced'] = 'errors';
  const started = performance.now();
  const guarded = (stage: string, run: () => void): void => {
    const stageStarted = performance.now();
    try {
      run();
    } catch (e) {
      threw = true;
      problems.push(`${stage} threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    const ms = performance.now() - stageStarted;
    if (ms > MAX_MS_PER_STAGE) problems.push(`${stage} took ${ms.toFixed(0)} ms (limit ${MAX_MS_PER_STAGE} ms)`);
  };
  guarded('compileFile', () => {
    const result = compileFile(MAIN, { chip: input.chip, readFile });
    problems.push(...resultProblems('compileFile', result));
    if (result.program) produced = 'program';
  });
  guarded('compileSource', () => {
    const result = compileSource(input.main, { chip: input.chip, file: MAIN, readFile });
    problems.push(...resultProblems('compileSource', result));
  });
  guarded('checkScript', () => {
    const loaded = loadProgramSources(MAIN, readFile);
    const diagnostics = checkScript(loaded, { chip: getChip(input.chip)! });
    for (const d of [...loaded.diagnostics, ...diagnostics]) problems.push(...diagnosticProblems('checkScript', d, loaded.sources));
  });
  return { problems, threw, ms: performance.now() - started, produced };
}

function resultProblems(stage: string, result: CompileResult): string[] {
  const problems = result.diagnostics.flatMap((d) => diagnosticProblems(stage, d, result.sources));
  const errors = hasErrors(result.diagnostics);
  if (errors === (result.program !== undefined)) {
    problems.push(`${stage}: ${errors ? 'a program despite errors' : 'no program and no error'}`);
  }
  if (result.program) {
    const validation = validateProgram(result.program);
    if (!validation.ok) problems.push(`${stage}: the program fails validateProgram: ${validation.errors.slice(0, 3).join('; ')}`);
  }
  return problems;
}

function diagnosticProblems(stage: string, d: Diagnostic, sources: ReadonlyMap<string, string>): string[] {
  const spans = [d.span, ...(d.related ?? []).map((r) => r.span)];
  return spans.flatMap((span) => {
    const problem = spanProblem(span, sources);
    return problem ? [`${stage}: ${d.code} "${d.message}" ${problem}`] : [];
  });
}

/** The lines of `text` split the way the lexer counts them: `\r\n`, `\n` or a lone `\r`. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The 1-based line and column of `offset`, counting line breaks as {@link linesOf} does. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * What is wrong with a diagnostic's span, or undefined: its file must be one that was
 * read; lines within the file; columns within their line, or one past its end (where
 * "end of input" points); the end not before the start; offsets inside the text and
 * agreeing with the line and column.
 */
export function spanProblem(span: Span, sources: ReadonlyMap<string, string>): string | undefined {
  const text = sources.get(span.file);
  if (text === undefined) return `is located in ${span.file}, a file that was not read`;
  const lines = linesOf(text);
  const at = `at ${span.line}:${span.column}-${span.endLine}:${span.endColumn} [${span.start}, ${span.end})`;
  const inside = (line: number, column: number): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
  if (!inside(span.line, span.column)) return `${at} starts outside the file (${lines.length} lines)`;
  if (!inside(span.endLine, span.endColumn)) return `${at} ends outside the file (${lines.length} lines)`;
  if (span.endLine < span.line || (span.endLine === span.line && span.endColumn < span.column)) return `${at} ends before it starts`;
  if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) return `${at} has offsets outside a text of ${text.length}`;
  const start = positionOf(text, span.start);
  if (start.line !== span.line || start.column !== span.column) return `${at} but offset ${span.start} is ${start.line}:${start.column}`;
  return undefined;
}
