import test from 'ava';
import type { IrNode } from '../../src/compile/ir.js';
import { diagnosticsOf, elaborateText, onlyDiagnostic } from './_elaborateText.js';

// ---------------------------------------------------------------- E_UNIT

test('E_UNIT: wait with a bare number suggests a unit', (t) => {
  const d = onlyDiagnostic(t, 'out 7\nwait 5\n', 'E_UNIT 2:6');
  t.is(d.message, 'A wait needs a duration, but 5 is a number without a unit.');
  t.is(d.hint, 'Did you mean "5ms"?');
  t.is(d.span.endColumn, 7);
  t.is(onlyDiagnostic(t, 'wait 1.5\n', 'E_UNIT 1:6').hint, 'Did you mean "1.5ms"?');
  t.is(onlyDiagnostic(t, 'const n = 3\nwait n\n', 'E_UNIT 2:6').hint, 'Did you mean "n * 1ms"?');
});

test('E_UNIT: a number added to a duration, pointing at the number and borrowing the unit', (t) => {
  const d = onlyDiagnostic(t, 'wait 2us + 5\n', 'E_UNIT 1:12');
  t.is(d.message, 'A number without a unit cannot be added to a duration.');
  t.is(d.hint, 'Did you mean "5us"?');
});

test('E_UNIT: two durations multiplied, a number divided by a duration', (t) => {
  onlyDiagnostic(t, 'wait 1ms * 2ms\n', 'E_UNIT 1:6');
  onlyDiagnostic(t, 'wait 2 / 1ms\n', 'E_UNIT 1:6');
});

// ---------------------------------------------------------------- E_TYPE

test('E_TYPE: a pin list where a duration is needed', (t) => {
  const d = onlyDiagnostic(t, 'pin bar = 7..9\nout bar\nwait bar\n', 'E_TYPE 3:6');
  t.is(d.message, 'A wait needs a duration, but this is a pin list.');
});

test('E_TYPE: a duration as a repeat count and as a pin', (t) => {
  t.is(onlyDiagnostic(t, 'repeat 5ms < >\n', 'E_TYPE 1:8').message, 'A repeat count must be a whole number, but this is a duration.');
  t.is(onlyDiagnostic(t, 'out 7\nset 5ms\n', 'E_TYPE 2:5').message, 'A pin or pin list is needed here, but this is a duration.');
});

test('E_TYPE: a def used as a value', (t) => {
  t.is(onlyDiagnostic(t, 'def f() < >\nout 7\nset f\n', 'E_TYPE 3:5').message, '"f" is a def, not a value.');
});

test('E_TYPE: arithmetic on a pin list, bitwise on a duration, a string', (t) => {
  onlyDiagnostic(t, 'pin bar = 7..9\nout bar\nrepeat bar + 1 < >\n', 'E_TYPE 3:8');
  onlyDiagnostic(t, 'repeat 1ms & 1 < >\n', 'E_TYPE 1:8');
  onlyDiagnostic(t, 'const s = "x"\nwait s\n', 'E_TYPE 2:6');
});

// ---------------------------------------------------------------- E_NOT_INTEGER, E_NEGATIVE

test('E_NOT_INTEGER: fractions where whole numbers are needed', (t) => {
  onlyDiagnostic(t, 'repeat 2.5 < >\n', 'E_NOT_INTEGER 1:8');
  t.is(onlyDiagnostic(t, 'repeat 5 / 2 < >\n', 'E_NOT_INTEGER 1:8').message, 'A repeat count must be a whole number, but this is 2.5.');
  onlyDiagnostic(t, 'out 7\nwrite 7 = 1.5 & 1\n', 'E_NOT_INTEGER 2:11');
});

test('E_NEGATIVE: a negative count, duration, pin and bit index', (t) => {
  onlyDiagnostic(t, 'repeat -1 < >\n', 'E_NEGATIVE 1:8');
  t.is(onlyDiagnostic(t, 'wait -5ms\n', 'E_NEGATIVE 1:6').message, 'A wait cannot be negative, but this is -5ms.');
  onlyDiagnostic(t, 'out 7\nset -1\n', 'E_NEGATIVE 2:5');
  onlyDiagnostic(t, 'out 7\nwrite 7 = bit(1, -1)\n', 'E_NEGATIVE 2:18');
});

// ---------------------------------------------------------------- E_DIVISION_BY_ZERO, E_NUMBER

test('E_DIVISION_BY_ZERO: dividing or taking a remainder by zero', (t) => {
  onlyDiagnostic(t, 'repeat 5 / 0 < >\n', 'E_DIVISION_BY_ZERO 1:8');
  onlyDiagnostic(t, 'wait 1ms % 0ms\n', 'E_DIVISION_BY_ZERO 1:6');
});

test('E_NUMBER: a result too large to compute exactly', (t) => {
  onlyDiagnostic(t, 'repeat 9007199254740991 * 2 < >\n', 'E_NUMBER 1:8');
});

// ---------------------------------------------------------------- E_WRITE_WIDTH, E_ZERO_PERIOD

test('E_WRITE_WIDTH: a value with more bits than the pin list has pins', (t) => {
  const d = onlyDiagnostic(t, 'pins bus = 16..23\nout bus\nwrite bus = 256\n', 'E_WRITE_WIDTH 3:13');
  t.is(d.message, 'The value 256 needs 9 bits, but the pin list has 8 pins.');
  t.is(d.hint, 'Mask it to the width, as in "(…) & 255".');
  onlyDiagnostic(t, 'pins bus = 16..23\nout bus\nwrite bus = -1\n', 'E_WRITE_WIDTH 3:13');
  t.deepEqual(diagnosticsOf(t, 'pins bus = 16..23\nout bus\nwrite bus = ~1 & 0xFF\n'), []);
});

test('E_ZERO_PERIOD: an every loop with a zero period', (t) => {
  onlyDiagnostic(t, 'out 7\nevery 0ms < toggle 7 >\n', 'E_ZERO_PERIOD 2:7');
  onlyDiagnostic(t, 'out 7\nrepeat 3 every 0 < toggle 7 >\n', 'E_ZERO_PERIOD 2:16');
});

// ---------------------------------------------------------------- values that are right

function waits(nodes: readonly IrNode[]): number[] {
  return nodes.flatMap((node) => (node.kind === 'wait' ? [node.ns] : node.kind === 'loop' ? waits(node.body) : []));
}

test('duration arithmetic: scaling, dividing, adding, and a ratio as a count', (t) => {
  const { ir, diagnostics } = elaborateText('const on = 250ms\nwait on / 2\nwait 1.5 * 2ms\nwait 3 * 1us + 20ns\nwait 1s % 300ms\nrepeat 1ms / 250us < wait 1ms >\n');
  t.deepEqual(diagnostics, []);
  t.deepEqual(waits(ir!.body), [125_000_000, 3_000_000, 3_020, 100_000_000, 1_000_000]);
  t.like(ir!.body[4], { kind: 'loop', count: 4 });
});

test('integer arithmetic: bases, bitwise operators, remainders and bit()', (t) => {
  const { ir, diagnostics } = elaborateText('repeat 0x10 | 0b1 < >\nrepeat ~0 & 0xFF < >\nrepeat 17 % 5 < >\nrepeat bit(0x48, 3) < >\nrepeat bit(0x48, 2) < >\nrepeat 1_000 - 2 * 3 < >\n');
  t.deepEqual(diagnostics, []);
  t.deepEqual(ir!.body.map((node) => (node.kind === 'loop' ? node.count : NaN)), [17, 255, 2, 1, 0, 994]);
});

test('a duration rounds to whole nanoseconds where it is used', (t) => {
  const { ir } = elaborateText('wait 1us / 3\n');
  t.deepEqual(waits(ir!.body), [333]);
});
