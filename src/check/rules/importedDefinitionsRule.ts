/**
 * Imported files only define
 *
 * A script is only valid if every file it imports contains nothing but `pin`, `const`,
 * `def` and `import` statements: an import brings definitions, never steps, params,
 * chips, allow lists or exit blocks.
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { Statement } from '../../language/ast.js';
import type { SourceRuleContext } from '../rule.js';
import { allScripts } from '../scriptSources.js';

const DEFINITIONS: ReadonlySet<Statement['kind']> = new Set(['PinDecl', 'ConstDecl', 'DefDecl', 'Import']);

/** Reports E_IMPORT_STATEMENT for each other statement at the top of an imported file. */
export function importedDefinitionsRule({ sources, report }: SourceRuleContext): void {
  for (const script of allScripts(sources)) {
    if (script === sources.main) continue;
    for (const statement of script.statements) {
      if (DEFINITIONS.has(statement.kind)) continue;
      report(error('E_IMPORT_STATEMENT', statement.span, 'An imported file may only contain pin, const, def and import statements.',
        'Move this statement into the script that imports the file, or into a def.'));
    }
  }
}
