/**
 * Definitions and settings at the top level
 *
 * A script is only valid if its `param`, `def`, `import`, `chip` and `allow` statements
 * are at the top level of a file, not inside a block: they describe the whole script,
 * not a step of it. (`pin` and `const` may be local to a block; `on exit` has its own rule.)
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { Statement } from '../../language/ast.js';
import { forEachStatement, statementParts } from '../astChildren.js';
import type { SourceRuleContext } from '../rule.js';
import { allScripts } from '../scriptSources.js';

const TOP_LEVEL_ONLY: ReadonlyMap<Statement['kind'], string> = new Map([
  ['ParamDecl', 'param'],
  ['DefDecl', 'def'],
  ['Import', 'import'],
  ['Chip', 'chip'],
  ['Allow', 'allow'],
]);

/** Reports E_TOP_LEVEL for each such statement found inside a block. */
export function topLevelRule({ sources, report }: SourceRuleContext): void {
  for (const script of allScripts(sources)) {
    forEachStatement(script.statements, (statement) => {
      for (const block of statementParts(statement).blocks) {
        for (const inner of block.statements) {
          const keyword = TOP_LEVEL_ONLY.get(inner.kind);
          if (keyword) {
            report(error('E_TOP_LEVEL', inner.span, `A ${keyword} statement must be at the top level of the file, not inside a block.`, 'Move it out of the block.'));
          }
        }
      }
    });
  }
}
