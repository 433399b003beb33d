/**
 * Reachable code
 *
 * A script is only valid if no statement that does something follows a loop that never
 * ends (`forever`, or `every` without a count) in the same block. Definitions and
 * `on exit` may still follow: they are not steps of the sequence.
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { Statement } from '../../language/ast.js';
import { forEachStatement, statementParts } from '../astChildren.js';
import type { SourceRuleContext } from '../rule.js';
import { allScripts } from '../scriptSources.js';

const NOT_A_STEP: ReadonlySet<Statement['kind']> = new Set(['PinDecl', 'ConstDecl', 'ParamDecl', 'DefDecl', 'Import', 'Chip', 'Allow', 'OnExit']);

/** Reports E_UNREACHABLE at the first step after an endless loop, in every block. */
export function reachableCodeRule({ sources, report }: SourceRuleContext): void {
  for (const script of allScripts(sources)) {
    checkList(script.statements);
    forEachStatement(script.statements, (statement) => {
      for (const block of statementParts(statement).blocks) checkList(block.statements);
    });
  }

  function checkList(statements: readonly Statement[]): void {
    const endless = statements.find((s) => s.kind === 'Forever' || s.kind === 'Every');
    if (!endless) return;
    const after = statements.slice(statements.indexOf(endless) + 1).find((s) => !NOT_A_STEP.has(s.kind));
    if (!after) return;
    const loop = endless.kind === 'Forever' ? 'forever' : 'every';
    report(error('E_UNREACHABLE', after.span, `This statement can never run: the ${loop} loop on line ${endless.span.line} never ends.`,
      'Move it before the loop, into the loop, or into on exit.', [{ message: 'The loop that never ends.', span: endless.span }]));
  }
}
