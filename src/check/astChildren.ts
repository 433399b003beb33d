/**
 * The children of AST nodes, so passes over the tree do not each repeat the shape of
 * every statement. Blocks and expressions are listed in source order.
 */
import type { Block, Expr, Statement } from '../language/ast.js';

/** The blocks and expressions directly inside one statement. */
export interface StatementParts {
  readonly blocks: readonly Block[];
  readonly exprs: readonly Expr[];
}

const NONE: StatementParts = { blocks: [], exprs: [] };

/** Returns the blocks and expressions a statement directly contains, in source order. */
export function statementParts(statement: Statement): StatementParts {
  switch (statement.kind) {
    case 'PinDecl':
      return { blocks: [], exprs: statement.pins };
    case 'ConstDecl':
    case 'ParamDecl':
      return { blocks: [], exprs: statement.value };
    case 'DefDecl':
      return { blocks: [statement.body], exprs: [] };
    case 'CallStmt':
      return { blocks: [], exprs: statement.args };
    case 'Allow':
      return { blocks: [], exprs: statement.pins };
    case 'Mode':
      return { blocks: [], exprs: statement.alt ? [statement.alt, ...statement.pins] : statement.pins };
    case 'Drive':
      return { blocks: [], exprs: statement.pins };
    case 'Write':
      return { blocks: [], exprs: [...statement.pins, statement.value] };
    case 'Wait':
      return { blocks: [], exprs: [statement.duration] };
    case 'WaitUntil':
      return {
        blocks: statement.orElse ? [statement.orElse] : [],
        exprs: statement.timeout ? [...statement.pins, statement.timeout] : statement.pins,
      };
    case 'Repeat':
      return { blocks: [statement.body], exprs: statement.every ? [statement.count, statement.every] : [statement.count] };
    case 'Forever':
      return { blocks: [statement.body], exprs: [] };
    case 'Every':
      return { blocks: [statement.body], exprs: [statement.period] };
    case 'For':
      return { blocks: [statement.body], exprs: statement.items };
    case 'OnExit':
      return { blocks: [statement.body], exprs: [] };
    case 'Import':
    case 'Chip':
    case 'Log':
    case 'Mark':
      return NONE;
  }
}

/** Returns the operands of an expression, in source order. */
export function exprChildren(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'Unary':
      return [expr.operand];
    case 'Binary':
      return [expr.left, expr.right];
    case 'Range':
      return [expr.from, expr.to];
    case 'Call':
      return expr.args;
    default:
      return [];
  }
}

/**
 * Calls `visit` for every statement in `statements` and in the blocks nested inside
 * them, depth first in source order, with the nesting depth (0 for `statements`).
 * Recursive: only call it on trees the nesting rule has accepted.
 */
export function forEachStatement(statements: readonly Statement[], visit: (statement: Statement, depth: number) => void, depth = 0): void {
  for (const statement of statements) {
    visit(statement, depth);
    for (const block of statementParts(statement).blocks) forEachStatement(block.statements, visit, depth + 1);
  }
}

/**
 * Calls `visit` for `expr` and every expression inside it, parents before children.
 * Recursive: only call it on trees the nesting rule has accepted.
 */
export function forEachExpr(expr: Expr, visit: (expr: Expr) => void): void {
  visit(expr);
  for (const child of exprChildren(expr)) forEachExpr(child, visit);
}
