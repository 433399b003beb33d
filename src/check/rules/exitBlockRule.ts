/**
 * One on exit block, at the top
 *
 * A script is only valid if it has at most one `on exit` block, written at the top
 * level of the main file (not inside a loop, a def or another block).
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { OnExitStmt } from '../../language/ast.js';
import { forEachStatement, statementParts } from '../astChildren.js';
import type { SourceRuleContext } from '../rule.js';
import { allScripts } from '../scriptSources.js';

/** Reports E_EXIT_BLOCK for a second on exit block and for one inside a block. */
export function exitBlockRule({ sources, report }: SourceRuleContext): void {
  let first: OnExitStmt | undefined;
  for (const statement of sources.main.statements) {
    if (statement.kind !== 'OnExit') continue;
    if (!first) first = statement;
    else {
      report(error('E_EXIT_BLOCK', statement.span, 'A script can have only one on exit block.', 'Merge the two blocks.',
        [{ message: 'The first on exit block.', span: first.span }]));
    }
  }
  for (const script of allScripts(sources)) {
    forEachStatement(script.statements, (statement) => {
      for (const block of statementParts(statement).blocks) {
        for (const inner of block.statements) {
          if (inner.kind === 'OnExit') {
            report(error('E_EXIT_BLOCK', inner.span, 'on exit must be at the top level of the script, not inside a block.', 'Move it out of the block.'));
          }
        }
      }
    });
  }
}
