import test, { type ExecutionContext } from 'ava';
import type { RegisterLayout } from '../../runtime/program/program.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import type { Chip } from '../../src/chips/chip.js';
import type { IrScript } from '../../src/compile/ir.js';
import { lowerProgram } from '../../src/compile/lowerProgram.js';
import { alt, at, clear, input, instant, out, repeat, script, set, toggle, wait, waitUntil } from './_irBuilders.js';

/** A copy of `chip` with some layout fields replaced: the deliberately broken chip data these errors guard against. */
function brokenChip(chip: Chip, layout: Partial<RegisterLayout>, rest: Partial<Chip> = {}): Chip {
  return { ...chip, ...rest, layout: { ...chip.layout, ...layout } };
}

/** Lowers and returns `[code, line, column]` of each diagnostic, checking that no program came out. */
function diagnosticsOf(t: ExecutionContext, ir: IrScript, chip: Chip): [string, number, number][] {
  const result = lowerProgram(ir, chip);
  t.is(result.program, undefined);
  t.true(result.diagnostics.every((d) => d.severity === 'error'));
  return result.diagnostics.map((d) => [d.code, d.span.line, d.span.column]);
}

test('E_WINDOW_BOUNDS: a register past the end of the window, at the action\'s span', (t) => {
  const chip = brokenChip(bcm2711, { windowBytes: 0x24 });
  t.deepEqual(diagnosticsOf(t, script([instant(set(7, at(2, 3))), wait(1), instant(clear(7, at(3, 5)))]), chip), [['E_WINDOW_BOUNDS', 3, 5]]);
  const d = lowerProgram(script([instant(clear(7, at(3, 5)))]), chip).diagnostics[0]!;
  t.is(d.message, 'Register offset 0x28 is not an aligned word inside the 36-byte register window.');
  t.regex(d.hint ?? '', /bug in pinseq/);
});

test('E_WINDOW_BOUNDS: a misaligned register offset', (t) => {
  const chip = brokenChip(bcm2711, { set: [0x1d, 0x20] });
  t.deepEqual(diagnosticsOf(t, script([instant(set(4, at(5, 9)))]), chip), [['E_WINDOW_BOUNDS', 5, 9]]);
});

test('E_WINDOW_BOUNDS: a level register outside the window, for wait until and runtime toggles', (t) => {
  const chip = brokenChip(bcm2711, { level: [0x2000, 0x38] });
  t.deepEqual(diagnosticsOf(t, script([waitUntil(4, 1, undefined, undefined, at(6, 1)), instant(toggle(5, at(7, 2)))]), chip), [
    ['E_WINDOW_BOUNDS', 6, 1],
    ['E_WINDOW_BOUNDS', 7, 2],
  ]);
});

test('E_WINDOW_BOUNDS: a pull register outside the window', (t) => {
  const pull = { ...bcm2711.pull, base: 0x1000 } as Chip['pull'];
  const chip = brokenChip(bcm2711, { pull }, { pull });
  t.deepEqual(diagnosticsOf(t, script([instant(input(4, 'up', at(2, 1)))]), chip), [['E_WINDOW_BOUNDS', 2, 1]]);
});

test('E_FORBIDDEN_REGISTER: a store into a forbidden range', (t) => {
  const chip = brokenChip(bcm2711, { forbidden: [...bcm2711.layout.forbidden, [0x1c, 0x20]] });
  const ir = script([instant(out(7, at(1, 1))), repeat(3, [instant(set(7, at(3, 3))), wait(1), instant(clear(7, at(4, 3)))])]);
  t.deepEqual(diagnosticsOf(t, ir, chip), [['E_FORBIDDEN_REGISTER', 3, 3]]);
  const d = lowerProgram(ir, chip).diagnostics[0]!;
  t.is(d.message, 'Register offset 0x1c lies in the forbidden range 0x1c–0x20 of the register window.');
});

test('E_FORBIDDEN_REGISTER: the bcm2835 pull registers when chip data forbids them', (t) => {
  const chip = brokenChip(bcm2835, { forbidden: [[0x94, 0x98]] });
  t.deepEqual(diagnosticsOf(t, script([instant(input(4, 'down', at(8, 4)))]), chip), [['E_FORBIDDEN_REGISTER', 8, 4]]);
});

test('reading a forbidden level register is fine: only stores are refused', (t) => {
  // GPLEV0/1 are in both chips' forbidden ranges because they are read-only.
  const result = lowerProgram(script([instant(toggle(4)), waitUntil(5, 1)]), bcm2711);
  t.deepEqual(result.diagnostics, []);
  t.truthy(result.program);
});

test('E_PIN_RANGE: a pin the chip does not have', (t) => {
  t.deepEqual(diagnosticsOf(t, script([instant(set(58, at(2, 7))), waitUntil(60, 1, undefined, undefined, at(3, 1))]), bcm2711), [
    ['E_PIN_RANGE', 2, 7],
    ['E_PIN_RANGE', 3, 1],
  ]);
  t.is(lowerProgram(script([instant(set(58, at(2, 7)))]), bcm2711).diagnostics[0]!.message, 'The chip has no GPIO 58 (it has 0–57).');
});

test('E_PIN_RANGE: a pin whose bank has no registers in the chip data', (t) => {
  const chip = brokenChip(bcm2711, { set: [0x1c] });
  t.deepEqual(diagnosticsOf(t, script([instant(set(40, at(4, 4)))]), chip), [['E_PIN_RANGE', 4, 4]]);
});

test('E_ALT_FUNCTION: an alternate function the chip does not have', (t) => {
  t.deepEqual(diagnosticsOf(t, script([instant(alt(6, 14, at(2, 1)))]), bcm2711), [['E_ALT_FUNCTION', 2, 1]]);
});

test('E_PIN_NOT_ALLOWED: any use of a pin outside allow, wherever it is', (t) => {
  const ir = script([instant(set(7, at(2, 1)), set(8, at(2, 7))), waitUntil(9, 1, undefined, undefined, at(3, 1))], {
    allow: [7],
    onExit: [instant(clear(10, at(9, 1)))],
  });
  t.deepEqual(diagnosticsOf(t, ir, bcm2711), [['E_PIN_NOT_ALLOWED', 2, 7], ['E_PIN_NOT_ALLOWED', 3, 1], ['E_PIN_NOT_ALLOWED', 9, 1]]);
});

test('E_PULL_UNSUPPORTED: a pull on a pin whose bank has no GPPUDCLK register', (t) => {
  const pull = { ...bcm2835.pull, gppudclk: [0x98] } as Chip['pull'];
  const chip = brokenChip(bcm2835, { pull }, { pull });
  t.deepEqual(diagnosticsOf(t, script([instant(input(40, 'up', at(5, 2)))]), chip), [['E_PULL_UNSUPPORTED', 5, 2]]);
});

test('an error repeated by unrolled code is reported once per span', (t) => {
  const chip = brokenChip(bcm2711, { windowBytes: 0x24 });
  const span = at(2, 3);
  t.deepEqual(diagnosticsOf(t, script([instant(clear(7, span)), wait(1), instant(clear(7, span)), wait(1), instant(clear(8, at(3, 1)))]), chip), [
    ['E_WINDOW_BOUNDS', 2, 3],
    ['E_WINDOW_BOUNDS', 3, 1],
  ]);
});

test('E_INVALID_PROGRAM: IR that should never reach lowering still cannot become a program the runtime refuses', (t) => {
  const ir = script([instant(out(7)), repeat(-1, [instant(set(7)), wait(1)], at(4, 2))]);
  t.deepEqual(diagnosticsOf(t, ir, bcm2711), [['E_INVALID_PROGRAM', 4, 2]]);
  t.is(lowerProgram(ir, bcm2711).diagnostics[0]!.message,
    'The compiled program fails the runtime\'s check: pc 5: LOOP count -1 must be a whole number or Infinity.');
  // An error in the tables names no op, so it points at the start of the file.
  const badNames = script([instant(set(7))], { pinNames: { 7: 42 as unknown as string } });
  t.deepEqual(diagnosticsOf(t, badNames, bcm2711), [['E_INVALID_PROGRAM', 1, 1]]);
});
