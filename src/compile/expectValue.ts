/**
 * Using a value where a statement needs a particular kind: a whole number, a count, a
 * duration or pins. Each function checks the value, reports a located diagnostic when
 * it does not fit (type, unit, sign, chip range), and returns undefined in that case.
 */
import { error } from '../diagnostics/diagnostic.js';
import type { Expr } from '../language/ast.js';
import type { Span } from '../language/span.js';
import type { EvaluationContext } from './evaluationContext.js';
import { formatDuration } from './formatDuration.js';
import { type RangeValue, rangeItems, typeName, type Value } from './values.js';

/** Returns the value as a whole number; `what` starts the message ("A repeat count"). */
export function expectWholeNumber(value: Value | undefined, span: Span, ctx: EvaluationContext, what: string): number | undefined {
  if (!value) return undefined;
  if (value.type !== 'number') {
    ctx.sink.report(error('E_TYPE', span, `${what} must be a whole number, but this is ${typeName(value)}.`));
    return undefined;
  }
  if (!Number.isInteger(value.value)) {
    ctx.sink.report(error('E_NOT_INTEGER', span, `${what} must be a whole number, but this is ${value.value}.`));
    return undefined;
  }
  return value.value;
}

/** Returns the value as a non-negative whole number. */
export function expectCount(value: Value | undefined, span: Span, ctx: EvaluationContext, what: string): number | undefined {
  const n = expectWholeNumber(value, span, ctx, what);
  if (n !== undefined && n < 0) {
    ctx.sink.report(error('E_NEGATIVE', span, `${what} cannot be negative, but this is ${n}.`));
    return undefined;
  }
  return n;
}

/**
 * Returns the value as a non-negative duration in whole nanoseconds (rounded). The
 * number 0 is accepted (`wait 0`); any other bare number is a unit error with a hint.
 */
export function expectDuration(value: Value | undefined, expr: Expr, ctx: EvaluationContext, what: string): number | undefined {
  if (!value) return undefined;
  if (value.type === 'number' && value.value === 0) return 0;
  if (value.type === 'number') {
    ctx.sink.report(error('E_UNIT', expr.span, `${what} needs a duration, but ${value.value} is a number without a unit.`, unitHint(expr)));
    return undefined;
  }
  if (value.type !== 'duration') {
    ctx.sink.report(error('E_TYPE', expr.span, `${what} needs a duration, but this is ${typeName(value)}.`));
    return undefined;
  }
  const ns = Math.round(value.ns);
  if (ns < 0) {
    ctx.sink.report(error('E_NEGATIVE', expr.span, `${what} cannot be negative, but this is -${formatDuration(-ns)}.`));
    return undefined;
  }
  return ns;
}

/** How to give a number a unit: `Did you mean "5ms"?` for a literal, a pattern otherwise. */
export function unitHint(expr: Expr, unit = 'ms'): string {
  if (expr.kind === 'Int' || expr.kind === 'Decimal') return `Did you mean "${expr.value}${unit}"?`;
  if (expr.kind === 'Name') return `Did you mean "${expr.name} * 1${unit}"?`;
  return `Write a unit against the number, as in 5${unit}.`;
}

/**
 * Returns the GPIO numbers a value stands for in a pin list: a whole number is one
 * GPIO, a range is each GPIO in it, a pin list is itself. Every pin is checked against
 * the chip.
 */
export function expectPins(value: Value | undefined, span: Span, ctx: EvaluationContext): readonly number[] | undefined {
  if (!value) return undefined;
  switch (value.type) {
    case 'pins':
      return value.pins;
    case 'number': {
      const n = expectWholeNumber(value, span, ctx, 'A pin number');
      return n !== undefined && checkGpio(n, span, ctx) ? [n] : undefined;
    }
    case 'range':
      return checkGpioRange(value, span, ctx) ? rangeItems(value) : undefined;
    default:
      ctx.sink.report(error('E_TYPE', span, `A pin or pin list is needed here, but this is ${typeName(value)}.`));
      return undefined;
  }
}

/** True when `pin` is a GPIO of the chip; reports E_NEGATIVE or E_PIN_RANGE otherwise. */
export function checkGpio(pin: number, span: Span, ctx: EvaluationContext): boolean {
  if (pin < 0) {
    ctx.sink.report(error('E_NEGATIVE', span, `A pin number cannot be negative, but this is ${pin}.`));
    return false;
  }
  const count = ctx.chip.layout.gpioCount;
  if (pin >= count) {
    ctx.sink.report(error('E_PIN_RANGE', span, `GPIO${pin} does not exist on chip "${ctx.chip.name}", which has GPIO0 to GPIO${count - 1}.`));
    return false;
  }
  return true;
}

/** True when every GPIO of the range exists; checks only its ends, so a huge range costs nothing. */
function checkGpioRange(range: RangeValue, span: Span, ctx: EvaluationContext): boolean {
  const low = Math.min(range.from, range.to);
  const high = Math.max(range.from, range.to);
  if (low < 0) {
    ctx.sink.report(error('E_NEGATIVE', span, `The range ${range.from}..${range.to} includes negative pin numbers.`));
    return false;
  }
  const count = ctx.chip.layout.gpioCount;
  if (high >= count) {
    ctx.sink.report(error('E_PIN_RANGE', span, `The range ${range.from}..${range.to} goes beyond chip "${ctx.chip.name}", which has GPIO0 to GPIO${count - 1}.`));
    return false;
  }
  return true;
}
