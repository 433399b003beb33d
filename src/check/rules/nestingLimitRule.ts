/**
 * Nesting limit
 *
 * A script is only valid if its blocks nest at most {@link MAX_BLOCK_DEPTH} deep and
 * its expressions at most `MAX_EXPRESSION_DEPTH` (the parser's limit) deep.
 *
 * Every later pass walks the tree recursively; this rule walks it with explicit stacks
 * and runs first, so a pathological tree gets a diagnostic instead of a stack overflow.
 * The parser already refuses such text with the same limits; this rule protects the
 * checker from trees built any other way (by a library user, or a future parser).
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Expr, Statement } from '../../language/ast.js';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING } from '../../language/nesting.js';
import { exprChildren, statementParts } from '../astChildren.js';
import { allScripts, type ScriptSources } from '../scriptSources.js';

/** The deepest block nesting accepted: the parser's limit (top-level statements are depth 0). */
export const MAX_BLOCK_DEPTH = MAX_NESTING;

/** Reports E_NESTING_LIMIT for blocks or expressions nested too deep; true when all is within limits. */
export function nestingLimitRule(sources: ScriptSources, report: (diagnostic: Diagnostic) => void): boolean {
  let ok = true;
  const statements: { statement: Statement; depth: number }[] = [];
  for (const script of allScripts(sources)) {
    for (const statement of script.statements) statements.push({ statement, depth: 0 });
  }
  while (statements.length > 0) {
    const { statement, depth } = statements.pop()!;
    const parts = statementParts(statement);
    for (const block of parts.blocks) {
      if (depth + 1 > MAX_BLOCK_DEPTH) {
        ok = false;
        report(error('E_NESTING_LIMIT', block.span, `Blocks are nested more than ${MAX_BLOCK_DEPTH} deep.`, 'Move the inner part into a def.'));
        continue;
      }
      for (const inner of block.statements) statements.push({ statement: inner, depth: depth + 1 });
    }
    for (const expr of parts.exprs) {
      if (!expressionWithinLimit(expr, report)) ok = false;
    }
  }
  return ok;
}

/** Checks one expression tree, reporting (once) the first node found too deep. */
function expressionWithinLimit(root: Expr, report: (diagnostic: Diagnostic) => void): boolean {
  const stack: { expr: Expr; depth: number }[] = [{ expr: root, depth: 1 }];
  while (stack.length > 0) {
    const { expr, depth } = stack.pop()!;
    if (depth > MAX_EXPRESSION_DEPTH) {
      report(error('E_NESTING_LIMIT', expr.span, `This expression is nested more than ${MAX_EXPRESSION_DEPTH} deep.`, 'Split it into consts.'));
      return false;
    }
    for (const child of exprChildren(expr)) stack.push({ expr: child, depth: depth + 1 });
  }
  return true;
}
