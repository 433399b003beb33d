/**
 * Loads a script and everything it imports: each `import "x.gpio"` is resolved relative
 * to the importing file, read, parsed, and followed in turn. Every file is parsed once,
 * however many files import it (diamonds are fine); a cycle is reported at the import
 * that closes it, and that import is not followed.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { ImportStmt, Script } from './ast.js';
import { parseScript } from './parse.js';
import { type Span, spanAt } from './span.js';

/** Reads a file's text; throws when it cannot (the loader turns that into a diagnostic). */
export type ReadFile = (path: string) => string;

/** A script and its imports, parsed. */
export interface LoadedSources {
  /** The main file's AST (empty when the file could not be read). */
  readonly main: Script;
  /** Every file that parsed, the main one included, by absolute path. */
  readonly modules: Map<string, Script>;
  /**
   * The imports of each file, as absolute paths in the order written. Only imports that
   * were loaded are listed: a missing file or an import that would close a cycle is not.
   */
  readonly importsOf: Map<string, string[]>;
  /** Every file read or tried, the main one first: what `--watch` should watch. */
  readonly files: string[];
  /** The text of every file read, by absolute path, for code frames. */
  readonly sources: Map<string, string>;
  /** Syntax diagnostics of every file, then import problems, in the order found. */
  readonly diagnostics: Diagnostic[];
}

const readFromDisk: ReadFile = (path) => readFileSync(path, 'utf8');

/** Why a read failed, in words: "no such file", "it is a directory", … */
function readFailure(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses `mainFile` and, transitively, every file it imports. Never throws: an
 * unreadable main file is E_FILE_NOT_FOUND, an unreadable import E_IMPORT_NOT_FOUND at its
 * path string, an import cycle E_IMPORT_CYCLE at the import that closes it, an import
 * more than {@link MAX_IMPORT_DEPTH} files down E_IMPORT_DEPTH.
 *
 * @param mainFile the script to load; made absolute against the current directory
 * @param readFile reads a file (default: the file system); tests and hot reload pass their own
 */
export function loadProgramSources(mainFile: string, readFile: ReadFile = readFromDisk): LoadedSources {
  const mainPath = resolve(mainFile);
  const loader = new SourceLoader(readFile);
  const read = loader.read(mainPath);
  if (!read.ok) {
    const missing = error('E_FILE_NOT_FOUND', emptyScript(mainPath).span, `Cannot read "${mainFile}": ${read.reason}.`);
    return { ...loader.result(emptyScript(mainPath)), diagnostics: [missing] };
  }
  const main = loader.parse(mainPath, read.text);
  loader.followImports(main, [mainPath]);
  return loader.result(main);
}

/**
 * How deep imports may chain (the main file imports a file that imports a file …). Loading
 * follows imports recursively, and no real program comes near this.
 */
export const MAX_IMPORT_DEPTH = 64;

type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** The state of one load: what has been read and parsed so far. */
class SourceLoader {
  private readonly modules = new Map<string, Script>();
  private readonly importsOf = new Map<string, string[]>();
  private readonly sources = new Map<string, string>();
  private readonly failures = new Map<string, string>();
  private readonly files: string[] = [];
  private readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly readFile: ReadFile) {}

  /** Reads `path` once; a second read of a file that failed fails the same way. */
  read(path: string): ReadResult {
    const text = this.sources.get(path);
    if (text !== undefined) return { ok: true, text };
    const failed = this.failures.get(path);
    if (failed !== undefined) return { ok: false, reason: failed };
    this.files.push(path);
    try {
      const read = this.readFile(path);
      this.sources.set(path, read);
      return { ok: true, text: read };
    } catch (e) {
      const reason = readFailure(e);
      this.failures.set(path, reason);
      return { ok: false, reason };
    }
  }

  parse(path: string, text: string): Script {
    const { script, diagnostics } = parseScript(text, path);
    this.modules.set(path, script);
    // One by one: push(...list) overflows the stack for a file of 100,000+ errors.
    for (const d of diagnostics) this.diagnostics.push(d);
    return script;
  }

  /**
   * Depth-first over the imports of `script`. `stack` holds the files being loaded, from
   * the main file down to this one: an import of any of them closes a cycle.
   */
  followImports(script: Script, stack: readonly string[]): void {
    const from = stack.at(-1)!;
    const imports: string[] = [];
    this.importsOf.set(from, imports);
    for (const statement of script.statements) {
      if (statement.kind !== 'Import') continue;
      const target = resolve(dirname(from), statement.path.value);
      if (stack.includes(target)) {
        this.diagnostics.push(cycleError(statement, stack, target));
        continue;
      }
      const already = this.modules.get(target);
      if (already) {
        imports.push(target);
        continue;
      }
      if (stack.length >= MAX_IMPORT_DEPTH) {
        this.diagnostics.push(error('E_IMPORT_DEPTH', statement.path.span,
          `This import chains more than ${MAX_IMPORT_DEPTH} files deep (the main file imports a file that imports a file …).`,
          'Import the files you need from fewer levels.'));
        continue;
      }
      const read = this.read(target);
      if (!read.ok) {
        this.diagnostics.push(error('E_IMPORT_NOT_FOUND', statement.path.span,
          `Cannot read the imported file "${statement.path.value}" (${target}): ${read.reason}.`));
        continue;
      }
      imports.push(target);
      this.followImports(this.parse(target, read.text), [...stack, target]);
    }
  }

  result(main: Script): LoadedSources {
    const { modules, importsOf, files, sources, diagnostics } = this;
    return { main, modules, importsOf, files, sources, diagnostics };
  }
}

function cycleError(statement: ImportStmt, stack: readonly string[], target: string): Diagnostic {
  const base = dirname(stack[0]!);
  const chain = [...stack.slice(stack.indexOf(target)), target].map((path) => relative(base, path) || path);
  return error('E_IMPORT_CYCLE', statement.path.span, `This import closes a cycle: ${chain.join(' → ')}.`,
    'Move what both files need into a third file that imports neither.');
}

function emptyScript(file: string): Script {
  const span: Span = spanAt(file, '', 0);
  return { kind: 'Script', file, statements: [], span };
}
