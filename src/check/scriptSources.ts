/**
 * The parsed files of one program, as the checker and elaborator see them: the main
 * script and the modules it imports. `LoadedSources` from `language/load.ts` has this
 * shape; tests may build one by hand.
 */
import { dirname, resolve } from 'node:path';
import type { ImportStmt, Script, Statement } from '../language/ast.js';

/** The main script and every module reachable through its imports, by absolute path. */
export interface ScriptSources {
  readonly main: Script;
  readonly modules: ReadonlyMap<string, Script>;
  /** Absolute paths each file imports, keyed by the importing file's path. */
  readonly importsOf?: ReadonlyMap<string, readonly string[]> | undefined;
}

/**
 * Returns the module an import statement of `importer` names, or undefined when the
 * loader could not read it (the loader has already reported that).
 */
export function importedScript(sources: ScriptSources, importer: Script, statement: ImportStmt): Script | undefined {
  return sources.modules.get(resolve(dirname(importer.file), statement.path.value));
}

/** One top-level statement and the file it belongs to. */
export interface TopLevelStatement {
  readonly script: Script;
  readonly statement: Statement;
}

/**
 * Lists the top-level statements of the main script with each imported module's
 * statements spliced in at its first `import`, the way a reader meets them: this is the
 * order in which global definitions come into existence. A module imported again (or
 * in a cycle, which the loader reports) is not repeated.
 */
export function topLevelInOrder(sources: ScriptSources): TopLevelStatement[] {
  const order: TopLevelStatement[] = [];
  const visited = new Set<string>([sources.main.file]);
  // An explicit stack of (script, next statement index) instead of recursion: an import
  // chain is as deep as the files make it.
  const stack: { script: Script; index: number }[] = [{ script: sources.main, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const statement = top.script.statements[top.index++];
    if (!statement) {
      stack.pop();
      continue;
    }
    order.push({ script: top.script, statement });
    if (statement.kind !== 'Import') continue;
    const module = importedScript(sources, top.script, statement);
    if (module && !visited.has(module.file)) {
      visited.add(module.file);
      stack.push({ script: module, index: 0 });
    }
  }
  return order;
}

/** Returns every script of the program, the main one first, each once. */
export function allScripts(sources: ScriptSources): Script[] {
  // The loader's map holds the main file too; a hand-built one may not.
  return [sources.main, ...[...sources.modules.values()].filter((script) => script.file !== sources.main.file)];
}
