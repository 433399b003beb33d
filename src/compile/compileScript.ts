/**
 * The whole front half of the pipeline in one call: load (parse the file and its
 * imports) → check and elaborate to IR → lower for the chip → Program. Every stage's
 * diagnostics are collected; nothing here throws on bad input.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Program } from '../../runtime/program/program.js';
import type { Chip } from '../chips/chip.js';
import { chipNames, DEFAULT_CHIP, getChip } from '../chips/index.js';
import { type Diagnostic, error, hasErrors } from '../diagnostics/diagnostic.js';
import type { Script } from '../language/ast.js';
import { type LoadedSources, loadProgramSources } from '../language/load.js';
import { spanAt } from '../language/span.js';
import { chipStatementOf, elaborate } from './elaborate.js';
import type { IrScript } from './ir.js';
import { lowerProgram } from './lowerProgram.js';

/** Options for {@link compileFile} and {@link compileSource}. */
export interface CompileOptions {
  /** The chip to compile for when the script has no `chip` statement (`--chip`, or the backend's). */
  readonly chip?: string | undefined;
  /** Param overrides (`--param k=v`): values as text (`"10"`, `"250ms"`, `"7..11"`) or numbers. */
  readonly params?: Readonly<Record<string, string | number>> | undefined;
  /** Reads a file; defaults to the file system. Hot reload and tests pass their own. */
  readonly readFile?: ((path: string) => string) | undefined;
  /** Stop after this stage (for `pinseq compile --emit`). Default: `program`. */
  readonly until?: 'ast' | 'ir' | 'program' | undefined;
}

/** Everything a compile produced, as far as it got. */
export interface CompileResult {
  /** The main file's AST (present unless the file could not be read). */
  readonly ast?: Script | undefined;
  readonly ir?: IrScript | undefined;
  readonly program?: Program | undefined;
  /** The chip compiled for. */
  readonly chip?: Chip | undefined;
  /** All diagnostics of every stage, errors and warnings, in file order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read (the main file and its imports), for `--watch`. */
  readonly files: readonly string[];
  /** Source text by file, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

/** Compiles the script in `file` (and what it imports). */
export function compileFile(file: string, options: CompileOptions = {}): CompileResult {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const loaded = loadProgramSources(resolve(file), readFile);
  return compileLoaded(loaded, options);
}

/**
 * Compiles script text. Imports resolve relative to `file` (default: a file named
 * `<inline>.gpio` in the current directory).
 */
export function compileSource(text: string, options: CompileOptions & { readonly file?: string | undefined } = {}): CompileResult {
  const file = resolve(options.file ?? '<inline>.gpio');
  const readOther = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const readFile = (path: string): string => (path === file ? text : readOther(path));
  return compileLoaded(loadProgramSources(file, readFile), options);
}

function compileLoaded(loaded: LoadedSources, options: CompileOptions): CompileResult {
  const base = { ast: loaded.main, files: loaded.files, sources: loaded.sources };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (hasErrors(diagnostics) || options.until === 'ast') return { ...base, diagnostics: sortDiagnostics(diagnostics) };

  const chip = pickChip(loaded.main, options.chip, diagnostics);
  if (!chip) return { ...base, diagnostics: sortDiagnostics(diagnostics) };

  const elaborated = elaborate(loaded, { chip, params: options.params });
  // One by one: push(...list) overflows the stack for a script with 100,000+ diagnostics.
  for (const d of elaborated.diagnostics) diagnostics.push(d);
  const ir = elaborated.ir;
  if (!ir || hasErrors(diagnostics) || options.until === 'ir') return { ...base, chip, ir, diagnostics: sortDiagnostics(diagnostics) };

  const lowered = lowerProgram(ir, chip);
  for (const d of lowered.diagnostics) diagnostics.push(d);
  const program = hasErrors(diagnostics) ? undefined : lowered.program;
  return { ...base, chip, ir, program, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * The script's `chip` statement wins; otherwise the caller's chip; otherwise the
 * documented default. A script and a caller that disagree is an error, not a guess.
 */
function pickChip(main: Script, requested: string | undefined, diagnostics: Diagnostic[]): Chip | undefined {
  const statement = chipStatementOf(main);
  if (statement) {
    const chip = getChip(statement.name.name);
    if (!chip) {
      diagnostics.push(error('E_UNKNOWN_CHIP', statement.name.span,
        `Unknown chip "${statement.name.name}".`, `Known chips: ${chipNames().join(', ')}.`));
      return undefined;
    }
    if (requested && getChip(requested)?.layout !== chip.layout) {
      diagnostics.push(error('E_CHIP_CONFLICT', statement.name.span,
        `The script is written for chip "${chip.name}" but "${requested}" was requested.`,
        'Remove --chip, or change the chip statement.'));
      return undefined;
    }
    return chip;
  }
  const name = requested ?? DEFAULT_CHIP;
  const chip = getChip(name);
  if (!chip) {
    diagnostics.push(error('E_UNKNOWN_CHIP', spanAt(main.file, '', 0),
      `Unknown chip "${name}".`, `Known chips: ${chipNames().join(', ')}.`));
  }
  return chip;
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => (a.span.file === b.span.file ? a.span.start - b.span.start : 0));
}
