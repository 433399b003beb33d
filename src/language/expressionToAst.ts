/**
 * CST → AST for expressions: literals, names, calls, unary and binary operators, ranges.
 * Operator chains (`a | b + c * d`) get their precedence here. A node whose parts are
 * missing (error recovery) yields `undefined`; values are never made up.
 */
import type { CstNode, IToken } from 'chevrotain';
import type {
  ArgumentListCstNode, ExpressionCstNode, OperandCstChildren, OperandCstNode, PinListCstNode,
} from '../../grammar/cst.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { BinaryOp, Expr, Identifier, StringLiteral } from './ast.js';
import { type Decoded, decodeDecimal, decodeDuration, decodeInteger, decodePinName, decodeString } from './literals.js';
import { first, realToken, spanFromTo, spanInsideToken, tokenSpan } from './tokenSpans.js';

/** What the builders share: the file name for spans and the list diagnostics go to. */
export interface BuildContext {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

/** Usable children of a CST node: none when recovery left the node incomplete. */
function complete<T extends CstNode>(node: T | undefined): T['children'] | undefined {
  return node && !node.recoveredNode ? node.children : undefined;
}

/**
 * Builds every element of a list, or nothing when any element is incomplete. Every
 * element is built even after a failure, so each bad literal in a list is reported.
 */
function all<T, R>(items: readonly T[] | undefined, build: (item: T) => R | undefined): R[] | undefined {
  const result: R[] = [];
  let complete = true;
  for (const item of items ?? []) {
    const built = build(item);
    if (built === undefined) complete = false;
    else result.push(built);
  }
  return complete ? result : undefined;
}

/** A name token as an AST identifier. */
export function identifierOf(cx: BuildContext, token: IToken | undefined): Identifier | undefined {
  const real = realToken(token);
  return real ? { name: real.image, span: tokenSpan(cx.file, real) } : undefined;
}

/** `pinList := expression ( ',' expression )*`: at least one expression. */
export function buildPinList(cx: BuildContext, node: PinListCstNode | undefined): Expr[] | undefined {
  const c = complete(node);
  const list = c ? all(c.expression, (e) => buildExpression(cx, e)) : undefined;
  return list && list.length > 0 ? list : undefined;
}

/** `argumentList := [ expression ( ',' expression )* ]`. */
export function buildArguments(cx: BuildContext, node: ArgumentListCstNode | undefined): Expr[] | undefined {
  const c = complete(node);
  return c ? all(c.expression, (e) => buildExpression(cx, e)) : undefined;
}

/** `expression := binary [ '..' binary ]`, each side a flat chain of operands and operators. */
export function buildExpression(cx: BuildContext, node: ExpressionCstNode | undefined): Expr | undefined {
  const c = complete(node);
  if (!c) return undefined;
  const from = buildChain(cx, c.left, c.leftOperator);
  if (!c.DotDot) return from;
  const to = buildChain(cx, c.right, c.rightOperator);
  if (!from || !to) return undefined;
  return { kind: 'Range', from, to, span: spanFromTo(from.span, to.span) };
}

/** How tightly each binary operator binds (SPEC §1): higher binds tighter. All are left-associative. */
export const precedence: Readonly<Record<BinaryOp, number>> = { '|': 1, '^': 2, '&': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5 };

/**
 * `binary := operand ( BinaryOperator operand )*`: a flat chain turned into a tree by
 * operator precedence (shunting-yard, without recursion, so a long chain cannot
 * overflow the stack).
 */
function buildChain(cx: BuildContext, operandNodes: readonly OperandCstNode[] | undefined, operatorTokens: readonly IToken[] | undefined): Expr | undefined {
  // Most operands stand alone (`set 7`): skip the machinery below.
  if (!operatorTokens) return operandNodes?.length === 1 ? buildOperand(cx, operandNodes[0]) : undefined;
  const operators = operatorTokens.map((token) => token.image as BinaryOp);
  const operands = all(operandNodes, (n) => buildOperand(cx, n));
  if (!operands || operands.length !== operators.length + 1) return undefined;
  const values: Expr[] = [operands[0]!];
  const pending: BinaryOp[] = [];
  const reduce = (): void => {
    const right = values.pop()!;
    const left = values.pop()!;
    values.push({ kind: 'Binary', op: pending.pop()!, left, right, span: spanFromTo(left.span, right.span) });
  };
  operators.forEach((op, i) => {
    // Left-associative: an operator that binds at least as tightly as `op` is applied first.
    while (pending.length > 0 && precedence[pending.at(-1)!] >= precedence[op]) reduce();
    pending.push(op);
    values.push(operands[i + 1]!);
  });
  while (pending.length > 0) reduce();
  return values[0];
}

/** `operand := ( '-' | '~' )* primary`: the primary, then the prefix operators, innermost first. */
export function buildOperand(cx: BuildContext, node: OperandCstNode | undefined): Expr | undefined {
  const c = complete(node);
  let expr = c && buildPrimary(cx, c);
  const operators = c?.UnaryOperator ?? [];
  for (let i = operators.length - 1; i >= 0 && expr; i--) {
    const operator = operators[i]!;
    const op = operator.image === '~' ? '~' : '-';
    expr = { kind: 'Unary', op, operand: expr, span: spanFromTo(tokenSpan(cx.file, operator), expr.span) };
  }
  return expr;
}

/** Reports a literal that does not decode, at the literal (or at the bad part of it). */
function reportLiteral(cx: BuildContext, code: DiagnosticCode, token: IToken, problem: Extract<Decoded<unknown>, { ok: false }>): undefined {
  const span = problem.at ? spanInsideToken(cx.file, token, problem.at.offset, problem.at.length) : tokenSpan(cx.file, token);
  cx.diagnostics.push(error(code, span, problem.message, problem.hint));
  return undefined;
}

/** A string token as an AST string literal, reporting E_STRING when it does not decode. */
export function buildString(cx: BuildContext, token: IToken | undefined): StringLiteral | undefined {
  const real = realToken(token);
  if (!real) return undefined;
  const decoded = decodeString(real.image);
  if (!decoded.ok) return reportLiteral(cx, 'E_STRING', real, decoded);
  return { kind: 'String', value: decoded.value, span: tokenSpan(cx.file, real) };
}

/** The operand without its prefix operators: `Integer | … | Name [ '(' argumentList ')' ] | '(' expression ')'`. */
function buildPrimary(cx: BuildContext, c: OperandCstChildren): Expr | undefined {
  const literal = realToken(first(c.Integer) ?? first(c.Decimal) ?? first(c.Duration) ?? first(c.PinName));
  if (literal) return buildNumberLike(cx, literal);
  if (c.StringLiteral) return buildString(cx, first(c.StringLiteral));
  if (c.Name) {
    const name = identifierOf(cx, first(c.Name));
    if (!name) return undefined;
    if (!c.callOpen) return { kind: 'Name', name: name.name, span: name.span };
    const args = buildArguments(cx, first(c.argumentList));
    const close = realToken(first(c.callClose));
    if (!args) return undefined;
    const end = close ? tokenSpan(cx.file, close) : (args.at(-1)?.span ?? name.span);
    return { kind: 'Call', callee: name, args, span: spanFromTo(name.span, end) };
  }
  const inner = buildExpression(cx, first(c.expression));
  const open = realToken(first(c.LParen));
  const close = realToken(first(c.RParen));
  if (!inner || !open) return undefined;
  // The parentheses belong to the node's span, so a diagnostic about `(a + b)` underlines all of it.
  return { ...inner, span: spanFromTo(tokenSpan(cx.file, open), close ? tokenSpan(cx.file, close) : inner.span) };
}

/** Integer, Decimal, Duration and PinName tokens; E_NUMBER when the text is malformed or too large. */
function buildNumberLike(cx: BuildContext, token: IToken): Expr | undefined {
  const span = tokenSpan(cx.file, token);
  switch (token.tokenType.name) {
    case 'Integer': {
      const d = decodeInteger(token.image);
      return d.ok ? { kind: 'Int', value: d.value, span } : reportLiteral(cx, 'E_NUMBER', token, d);
    }
    case 'Decimal': {
      const d = decodeDecimal(token.image);
      return d.ok ? { kind: 'Decimal', value: d.value, span } : reportLiteral(cx, 'E_NUMBER', token, d);
    }
    case 'Duration': {
      const d = decodeDuration(token.image);
      return d.ok ? { kind: 'Duration', ns: d.value.ns, unit: d.value.unit, span } : reportLiteral(cx, 'E_NUMBER', token, d);
    }
    default: {
      const d = decodePinName(token.image);
      return d.ok ? { kind: 'Pin', scheme: d.value.scheme, number: d.value.number, span } : reportLiteral(cx, 'E_NUMBER', token, d);
    }
  }
}
