import test from 'ava';
import { getChip } from '../../src/chips/index.js';
import { elaborate } from '../../src/compile/elaborate.js';
import type { Block, Expr, Script, Statement } from '../../src/language/ast.js';
import type { Span } from '../../src/language/span.js';
import { located, MAIN, onlyDiagnostic } from './_elaborateText.js';

// ---------------------------------------------------------------- E_EXPANSION_LIMIT

test('E_EXPANSION_LIMIT: a for loop over a billion numbers stops at once, at the for', (t) => {
  const d = onlyDiagnostic(t, 'for i in 0..1000000000 < >\n', 'E_EXPANSION_LIMIT 1:1');
  t.is(d.message, 'Expanding this makes the program too large (over 500000 statements and pin actions).');
});

test('E_EXPANSION_LIMIT: nested for loops multiplying past the limit', (t) => {
  onlyDiagnostic(t, 'out 7\nfor i in 0..999 < for j in 0..999 < toggle 7 > >\n', 'E_EXPANSION_LIMIT 2:1');
});

test('E_EXPANSION_LIMIT: defs that double at every level are reported at the outermost call', (t) => {
  const lines = ['out 7', 'def a0() < toggle 7 >'];
  for (let i = 1; i <= 30; i++) lines.push(`def a${i}() < a${i - 1}(); a${i - 1}() >`);
  lines.push('a30()');
  onlyDiagnostic(t, lines.join('\n') + '\n', 'E_EXPANSION_LIMIT 33:1');
});

test('E_EXPANSION_LIMIT: a chain of def calls deeper than the expansion depth', (t) => {
  const lines = ['out 7', 'def d0() < toggle 7 >'];
  for (let i = 1; i < 210; i++) lines.push(`def d${i}() < d${i - 1}() >`);
  lines.push('d209()');
  // Call depth 201 is d10's call of d9, on line 12.
  const d = onlyDiagnostic(t, lines.join('\n') + '\n', 'E_EXPANSION_LIMIT 12:13');
  t.regex(d.message, /nest more than 200 deep/);
});

// ---------------------------------------------------------------- E_NESTING_LIMIT (trees not made by the parser)

function span(line: number, column: number): Span {
  return { file: MAIN, start: line * 1000 + column, end: line * 1000 + column + 1, line, column, endLine: line, endColumn: column + 1 };
}

function script(statements: readonly Statement[]): Script {
  return { kind: 'Script', file: MAIN, statements, span: span(1, 1) };
}

test('E_NESTING_LIMIT: blocks nested deeper than the parser allows, in a hand-built tree', (t) => {
  // forever < forever < … > >, 70 deep: statement d on line d + 1, its block at column 9.
  let inner: Block = { kind: 'Block', statements: [], span: span(71, 9) };
  for (let depth = 69; depth >= 0; depth--) {
    const statement: Statement = { kind: 'Forever', body: inner, span: span(depth + 1, 1) };
    inner = { kind: 'Block', statements: [statement], span: span(depth, 9) };
  }
  const result = elaborate({ main: script(inner.statements), modules: new Map() }, { chip: getChip('bcm2711')! });
  t.deepEqual(result.diagnostics.map(located), ['E_NESTING_LIMIT 65:9']);
  t.is(result.ir, undefined);
});

test('E_NESTING_LIMIT: an expression deeper than the parser allows, in a hand-built tree', (t) => {
  // - - - … 1ms, 600 deep: the operator at depth k sits at column k.
  let expr: Expr = { kind: 'Duration', ns: 1_000_000, unit: 'ms', span: span(1, 601) };
  for (let k = 600; k >= 1; k--) expr = { kind: 'Unary', op: '-', operand: expr, span: span(1, k) };
  const wait: Statement = { kind: 'Wait', duration: expr, span: span(1, 1) };
  const result = elaborate({ main: script([wait]), modules: new Map() }, { chip: getChip('bcm2711')! });
  t.deepEqual(result.diagnostics.map(located), ['E_NESTING_LIMIT 1:501']);
});
