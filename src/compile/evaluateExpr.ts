/**
 * Evaluating expressions at compile time, with unit checking (SPEC §1): numbers,
 * durations, pins, ranges and `bit(x, i)`. Nothing here throws: a bad operand is
 * reported where it was written and the result is undefined.
 *
 * Units: duration ± duration and duration × number (either way round) and
 * duration ÷ number are durations; duration ÷ duration is a number; duration % duration
 * is a duration. A bare number mixed with a duration by + or − is a unit error.
 * Bitwise operators (`& | ^ ~`) take whole numbers and work in two's complement.
 */
import { headerPin } from '../chips/header.js';
import { error } from '../diagnostics/diagnostic.js';
import type { BinaryExpr, CallExpr, Expr, PinLiteral, RangeExpr, UnaryExpr } from '../language/ast.js';
import type { Span } from '../language/span.js';
import type { EvaluationContext } from './evaluationContext.js';
import { checkGpio, expectCount, expectPins, expectWholeNumber, unitHint } from './expectValue.js';
import { durationValue, numberValue, pinsValue, rangeItems, typeName, type Value } from './values.js';

/** One pin of a pin list and the expression it came from. */
export interface PinUse {
  readonly pin: number;
  readonly span: Span;
}

/** Evaluates `expr`; undefined when it has an error (already reported) or uses a value that had one. */
export function evaluate(expr: Expr, ctx: EvaluationContext): Value | undefined {
  switch (expr.kind) {
    case 'Int':
    case 'Decimal':
      return numberValue(expr.value);
    case 'Duration':
      return durationValue(expr.ns);
    case 'String':
      return { type: 'string', value: expr.value };
    case 'Pin':
      return pinLiteral(expr, ctx);
    case 'Name': {
      const target = ctx.resolution.targets.get(expr);
      if (target?.kind === 'def') {
        ctx.sink.report(error('E_TYPE', expr.span, `"${expr.name}" is a def, not a value.`, `Call it as a statement: ${expr.name}(…).`));
        return undefined;
      }
      return target ? ctx.bindings.get(target) : undefined;
    }
    case 'Unary':
      return unary(expr, ctx);
    case 'Binary':
      return binary(expr, ctx);
    case 'Range':
      return range(expr, ctx);
    case 'Call':
      return call(expr, ctx);
  }
}

/** Evaluates a statement's value list: one item is itself, several make a pin list. */
export function evaluateList(exprs: readonly Expr[], ctx: EvaluationContext): Value | undefined {
  if (exprs.length === 1) return evaluate(exprs[0]!, ctx);
  const list = evaluatePinList(exprs, ctx);
  return list.complete && exprs.length > 0 ? pinsValue(list.pins.map((use) => use.pin)) : undefined;
}

/**
 * The longest pin list a script may build, repeats included: far more than any chip has
 * GPIOs, so only runaway lists reach it, such as aliases that each repeat the one before
 * (`pin b = a, a; pin c = b, b; …` doubles at every line and would exhaust memory).
 */
export const MAX_PIN_LIST = 4096;

/**
 * Evaluates a pin list (`7..11, GPIO20, bar`); `complete` is false when any item had an
 * error. A list that would grow past {@link MAX_PIN_LIST} is E_LIST_LIMIT at the item that
 * crosses it, and stops there.
 */
export function evaluatePinList(exprs: readonly Expr[], ctx: EvaluationContext): { pins: PinUse[]; complete: boolean } {
  const pins: PinUse[] = [];
  let complete = true;
  for (const expr of exprs) {
    const list = expectPins(evaluate(expr, ctx), expr.span, ctx);
    if (!list) {
      complete = false;
    } else if (pins.length + list.length > MAX_PIN_LIST) {
      ctx.sink.report(error('E_LIST_LIMIT', expr.span, `This pin list grows to more than ${MAX_PIN_LIST} pins here.`,
        'Name each pin once; an alias that repeats another alias doubles the list.'));
      return { pins, complete: false };
    } else {
      for (const pin of list) pins.push({ pin, span: expr.span });
    }
  }
  return { pins, complete };
}

const HEADER_NAMES = { '3V3': '3.3 V power', '5V': '5 V power', GND: 'ground' } as const;

function pinLiteral(expr: PinLiteral, ctx: EvaluationContext): Value | undefined {
  if (expr.scheme === 'gpio') return checkGpio(expr.number, expr.span, ctx) ? pinsValue([expr.number]) : undefined;
  const onHeader = headerPin(expr.number);
  if (onHeader === undefined) {
    ctx.sink.report(error('E_HEADER_PIN', expr.span, `The 40-pin header has no pin ${expr.number}.`, 'Header pins are numbered 1 to 40.'));
    return undefined;
  }
  if (typeof onHeader === 'string') {
    ctx.sink.report(error('E_HEADER_PIN', expr.span, `Header pin ${expr.number} is ${HEADER_NAMES[onHeader]}, not a GPIO.`));
    return undefined;
  }
  return checkGpio(onHeader, expr.span, ctx) ? pinsValue([onHeader]) : undefined;
}

/** Reports an operand that arithmetic cannot use (pins, ranges, strings); true when it is a number or duration. */
function isArithmetic(value: Value, expr: Expr, op: string, ctx: EvaluationContext): value is Extract<Value, { type: 'number' | 'duration' }> {
  if (value.type === 'number' || value.type === 'duration') return true;
  ctx.sink.report(error('E_TYPE', expr.span, `"${op}" works on numbers and durations, not on ${typeName(value)}.`));
  return false;
}

function unary(expr: UnaryExpr, ctx: EvaluationContext): Value | undefined {
  const operand = evaluate(expr.operand, ctx);
  if (!operand || !isArithmetic(operand, expr.operand, expr.op, ctx)) return undefined;
  if (expr.op === '-') return operand.type === 'number' ? numberValue(-operand.value) : durationValue(-operand.ns);
  const n = bitwiseOperand(operand, expr.operand, ctx);
  return n === undefined ? undefined : numberValue(Number(~n));
}

function binary(expr: BinaryExpr, ctx: EvaluationContext): Value | undefined {
  const left = evaluate(expr.left, ctx);
  const right = evaluate(expr.right, ctx);
  if (!left || !right || !isArithmetic(left, expr.left, expr.op, ctx) || !isArithmetic(right, expr.right, expr.op, ctx)) return undefined;
  if (expr.op === '&' || expr.op === '|' || expr.op === '^') {
    const a = bitwiseOperand(left, expr.left, ctx);
    const b = bitwiseOperand(right, expr.right, ctx);
    if (a === undefined || b === undefined) return undefined;
    return checked(numberValue(Number(expr.op === '&' ? a & b : expr.op === '|' ? a | b : a ^ b)), expr.span, ctx);
  }
  if ((expr.op === '/' || expr.op === '%') && (right.type === 'number' ? right.value : right.ns) === 0) {
    ctx.sink.report(error('E_DIVISION_BY_ZERO', expr.span, `Division by zero.`));
    return undefined;
  }
  if (left.type === 'number' && right.type === 'number') return checked(numberValue(arithmetic(expr.op, left.value, right.value)), expr.span, ctx);
  if (left.type === 'duration' && right.type === 'duration') {
    if (expr.op === '/') return numberValue(left.ns / right.ns);
    if (expr.op !== '*') return checked(durationValue(arithmetic(expr.op, left.ns, right.ns)), expr.span, ctx);
    ctx.sink.report(error('E_UNIT', expr.span, 'Two durations cannot be multiplied.', 'Multiply a duration by a number, as in 3 * 250ms.'));
    return undefined;
  }
  if (left.type === 'duration' && right.type === 'number') return mixedUnits(expr, left.ns, right.value, true, ctx);
  if (left.type === 'number' && right.type === 'duration') return mixedUnits(expr, right.ns, left.value, false, ctx);
  return undefined;
}

/** One duration and one number: scaling works, adding or dividing a number by a duration does not. */
function mixedUnits(expr: BinaryExpr, ns: number, n: number, durationFirst: boolean, ctx: EvaluationContext): Value | undefined {
  if (expr.op === '*') return checked(durationValue(ns * n), expr.span, ctx);
  if (expr.op === '/' && durationFirst) return checked(durationValue(ns / n), expr.span, ctx);
  if (expr.op === '/') {
    ctx.sink.report(error('E_UNIT', expr.span, 'A number cannot be divided by a duration.'));
    return undefined;
  }
  const [numberExpr, durationExpr] = durationFirst ? [expr.right, expr.left] : [expr.left, expr.right];
  const message = expr.op === '%' ? 'The remainder of a duration needs a duration to divide by.'
    : `A number without a unit cannot be ${expr.op === '+' ? 'added to' : 'subtracted from'} a duration.`;
  ctx.sink.report(error('E_UNIT', numberExpr.span, message, unitHint(numberExpr, durationExpr.kind === 'Duration' ? durationExpr.unit : 'ms')));
  return undefined;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
  }
}

/** A whole number as a BigInt for two's-complement bitwise operations. */
function bitwiseOperand(value: Value, expr: Expr, ctx: EvaluationContext): bigint | undefined {
  if (value.type === 'duration') {
    ctx.sink.report(error('E_TYPE', expr.span, 'Bitwise operators work on whole numbers, not on durations.'));
    return undefined;
  }
  const n = expectWholeNumber(value, expr.span, ctx, 'An operand of a bitwise operator');
  return n === undefined ? undefined : BigInt(n);
}

/** Passes a result through unless it is beyond what a double holds exactly. */
function checked(value: Value, span: Span, ctx: EvaluationContext): Value | undefined {
  const n = value.type === 'number' ? value.value : value.type === 'duration' ? value.ns : 0;
  if (Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return value;
  ctx.sink.report(error('E_NUMBER', span, `The result is too large; the largest is ${Number.MAX_SAFE_INTEGER}${value.type === 'duration' ? 'ns' : ''}.`));
  return undefined;
}

/** `a..b`: a range of whole numbers, or of pins when an end is a pin (`GPIO7..GPIO11`). */
function range(expr: RangeExpr, ctx: EvaluationContext): Value | undefined {
  const from = rangeEnd(evaluate(expr.from, ctx), expr.from, ctx);
  const to = rangeEnd(evaluate(expr.to, ctx), expr.to, ctx);
  if (!from || !to) return undefined;
  const value = { type: 'range', from: from.n, to: to.n } as const;
  if (!from.pin && !to.pin) return value;
  const ends = [from, to].every((end) => end.pin || checkGpio(end.n, end.span, ctx));
  return ends ? pinsValue(rangeItems(value)) : undefined;
}

function rangeEnd(value: Value | undefined, expr: Expr, ctx: EvaluationContext): { n: number; pin: boolean; span: Span } | undefined {
  if (value?.type === 'pins' && value.pins.length === 1) return { n: value.pins[0]!, pin: true, span: expr.span };
  if (value && value.type !== 'number') {
    ctx.sink.report(error('E_TYPE', expr.span, `A range goes from a whole number or pin to another, but this is ${typeName(value)}.`));
    return undefined;
  }
  const n = expectWholeNumber(value, expr.span, ctx, 'The end of a range');
  return n === undefined ? undefined : { n, pin: false, span: expr.span };
}

/** `bit(x, i)`: bit i of x, 0 or 1 (two's complement for negative x). Other calls were reported by the checker. */
function call(expr: CallExpr, ctx: EvaluationContext): Value | undefined {
  if (expr.callee.name !== 'bit' || expr.args.length !== 2) return undefined;
  const [xExpr, iExpr] = expr.args as [Expr, Expr];
  const x = expectWholeNumber(evaluate(xExpr, ctx), xExpr.span, ctx, 'The value of bit(x, i)');
  const i = expectCount(evaluate(iExpr, ctx), iExpr.span, ctx, 'The bit index of bit(x, i)');
  if (x === undefined || i === undefined) return undefined;
  return numberValue(Number((BigInt(x) >> BigInt(i)) & 1n));
}
