/**
 * Limits on nesting, so pathological input gets a located E_NESTING_LIMIT instead of
 * overflowing the stack of the (recursive-descent) parser or of a later stage that walks
 * the tree recursively. No real script comes near either limit.
 */
import type { IToken } from 'chevrotain';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Expr, Statement } from './ast.js';
import type { BuildContext } from './expressionToAst.js';
import { tokenSpan } from './tokenSpans.js';

/**
 * How deep blocks and parentheses may nest, counted together. A level of parentheses
 * costs the parser four rule calls, a few KB of stack: Node's default stack overflows
 * after some hundreds of levels, so 64 leaves room for whatever called the parser.
 */
export const MAX_NESTING = 64;

/** How deep an expression tree may be (a chain `1+1+…` of n terms is n deep). */
export const MAX_EXPRESSION_DEPTH = 500;

/**
 * Scans the tokens for blocks and parentheses nested deeper than {@link MAX_NESTING} before parsing. Returns the
 * diagnostic, located at the first token that goes too deep, or undefined when all is well.
 */
export function checkTokenNesting(tokens: readonly IToken[], file: string): Diagnostic | undefined {
  let depth = 0;
  for (const token of tokens) {
    const type = token.tokenType.name;
    if (type === 'LAngle' || type === 'LParen') depth++;
    else if (type === 'RAngle' || type === 'RParen') depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) {
      return error('E_NESTING_LIMIT', tokenSpan(file, token),
        `Blocks and parentheses are nested more than ${MAX_NESTING} deep here.`,
        'Split the script into defs, or simplify the expression.');
    }
  }
  return undefined;
}

/** The expressions written directly in a statement (not those of statements in its blocks). */
function expressionsOf(statement: Statement): readonly Expr[] {
  switch (statement.kind) {
    case 'PinDecl':
    case 'Allow':
    case 'Drive':
      return statement.pins;
    case 'ConstDecl':
    case 'ParamDecl':
      return statement.value;
    case 'CallStmt':
      return statement.args;
    case 'Mode':
      return statement.alt ? [statement.alt, ...statement.pins] : statement.pins;
    case 'Write':
      return [...statement.pins, statement.value];
    case 'Wait':
      return [statement.duration];
    case 'WaitUntil':
      return statement.timeout ? [...statement.pins, statement.timeout] : statement.pins;
    case 'Repeat':
      return statement.every ? [statement.count, statement.every] : [statement.count];
    case 'Every':
      return [statement.period];
    case 'For':
      return statement.items;
    default:
      return [];
  }
}

/** The first subexpression of `expr` deeper than `budget` levels, or undefined. */
function tooDeep(expr: Expr, budget: number): Expr | undefined {
  if (budget === 0) return expr;
  switch (expr.kind) {
    case 'Unary':
      return tooDeep(expr.operand, budget - 1);
    case 'Binary':
      return tooDeep(expr.left, budget - 1) ?? tooDeep(expr.right, budget - 1);
    case 'Range':
      return tooDeep(expr.from, budget - 1) ?? tooDeep(expr.to, budget - 1);
    case 'Call':
      for (const arg of expr.args) {
        const deep = tooDeep(arg, budget - 1);
        if (deep) return deep;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Checks that no expression of `statement` is deeper than {@link MAX_EXPRESSION_DEPTH};
 * reports E_NESTING_LIMIT at the statement and returns false when one is.
 */
export function checkExpressionDepth(cx: BuildContext, statement: Statement): boolean {
  for (const expr of expressionsOf(statement)) {
    if (tooDeep(expr, MAX_EXPRESSION_DEPTH)) {
      cx.diagnostics.push(error('E_NESTING_LIMIT', expr.span,
        `This expression is nested more than ${MAX_EXPRESSION_DEPTH} operators deep.`,
        'Split it into several consts.'));
      return false;
    }
  }
  return true;
}
