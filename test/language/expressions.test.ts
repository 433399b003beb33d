import test from 'ava';
import type { Expr } from '../../src/language/ast.js';
import { oneStatement, spanText, where, withoutSpans } from './_parseHelpers.js';
import type { ExecutionContext } from 'ava';

/** The expression of `wait EXPR`. */
function expr(t: ExecutionContext, text: string): Expr {
  const statement = oneStatement(t, `wait ${text}`);
  if (statement.kind !== 'Wait') throw new Error('not a wait');
  return statement.duration;
}

/** An expression written back fully parenthesised, to read precedence at a glance. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'Int':
    case 'Decimal':
      return String(e.value);
    case 'Duration':
      return `${e.ns}ns`;
    case 'Pin':
      return `${e.scheme}:${e.number}`;
    case 'String':
      return JSON.stringify(e.value);
    case 'Name':
      return e.name;
    case 'Unary':
      return `(${e.op}${show(e.operand)})`;
    case 'Binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'Range':
      return `(${show(e.from)}..${show(e.to)})`;
    case 'Call':
      return `${e.callee.name}(${e.args.map(show).join(', ')})`;
  }
}

test('precedence, loosest first: .. | ^ & + - * / % then prefix', (t) => {
  t.is(show(expr(t, 'a | b ^ c & d + e * f')), '(a | (b ^ (c & (d + (e * f)))))');
  t.is(show(expr(t, 'a * b + c & d ^ e | f')), '(((((a * b) + c) & d) ^ e) | f)');
  t.is(show(expr(t, '1 + 2 .. 3 | 4')), '((1 + 2)..(3 | 4))');
  t.is(show(expr(t, '-a * ~b')), '((-a) * (~b))');
  t.is(show(expr(t, '- - ~x')), '(-(-(~x)))');
  t.is(show(expr(t, 'a % b / c * d')), '(((a % b) / c) * d)');
});

test('operators of one level associate to the left', (t) => {
  t.is(show(expr(t, '10 - 4 - 3')), '((10 - 4) - 3)');
  t.is(show(expr(t, '64 / 4 / 2')), '((64 / 4) / 2)');
  t.is(show(expr(t, '1 | 2 | 4')), '((1 | 2) | 4)');
  t.is(show(expr(t, '1 - 2 + 3 - 4')), '(((1 - 2) + 3) - 4)');
});

test('parentheses override precedence and belong to the span', (t) => {
  const text = '(a + b) * c';
  const e = expr(t, text);
  t.is(show(e), '((a + b) * c)');
  if (e.kind !== 'Binary') return t.fail();
  t.is(spanText(`wait ${text}`, e.left.span), '(a + b)');
  t.is(spanText(`wait ${text}`, e.span), text);
});

test('calls take any number of arguments, including expressions', (t) => {
  t.is(show(expr(t, 'bit(b, i + 1)')), 'bit(b, (i + 1))');
  t.is(show(expr(t, 'f()')), 'f()');
  t.is(show(expr(t, 'f(g(1), 2..3)')), 'f(g(1), (2..3))');
});

test('every primary form', (t) => {
  t.deepEqual(withoutSpans(expr(t, '42')), { kind: 'Int', value: 42 });
  t.deepEqual(withoutSpans(expr(t, '1.5')), { kind: 'Decimal', value: 1.5 });
  t.deepEqual(withoutSpans(expr(t, '1.5ms')), { kind: 'Duration', ns: 1_500_000, unit: 'ms' });
  t.deepEqual(withoutSpans(expr(t, 'GPIO4')), { kind: 'Pin', scheme: 'gpio', number: 4 });
  t.deepEqual(withoutSpans(expr(t, '"s"')), { kind: 'String', value: 's' });
  t.deepEqual(withoutSpans(expr(t, 'x_1')), { kind: 'Name', name: 'x_1' });
});

test('spans of operators cover their operands', (t) => {
  const text = 'wait -x + 2 * y';
  const e = expr(t, '-x + 2 * y');
  t.is(where(e.span), '1:6-1:16');
  if (e.kind !== 'Binary' || e.left.kind !== 'Unary') return t.fail();
  t.is(spanText(text, e.left.span), '-x');
  t.is(spanText(text, e.right.span), '2 * y');
});

test('a long chain builds without recursion trouble', (t) => {
  const e = expr(t, Array.from({ length: 400 }, (_, i) => i).join(' + '));
  let depth = 0;
  for (let node: Expr = e; node.kind === 'Binary'; node = node.left) depth++;
  t.is(depth, 399);
});
