import test from 'ava';
import type { IrInstant } from '../../src/compile/ir.js';
import { diagnosticsOf, elaborateText, onlyDiagnostic } from './_elaborateText.js';

/** The pins of the first instant's actions, in order. */
function firstInstantPins(text: string): number[] {
  const { ir, diagnostics } = elaborateText(text);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return (ir!.body[0] as IrInstant).actions.map((action) => action.pin);
}

test('pins are written as numbers, GPIOn, BOARDn, J8:n, ranges either way, and aliases', (t) => {
  t.deepEqual(firstInstantPins('out 17, GPIO18, BOARD11, J8:12\n'), [17, 18, 17, 18]);
  t.deepEqual(firstInstantPins('out 11..7\n'), [11, 10, 9, 8, 7]);
  t.deepEqual(firstInstantPins('out GPIO7..GPIO9\n'), [7, 8, 9]);
  t.deepEqual(firstInstantPins('pins bar = 9, 3..4\nout bar, 20\n'), [9, 3, 4, 20]);
  t.deepEqual(firstInstantPins('const first = 5\nout first..first + 2\n'), [5, 6, 7]);
});

// ---------------------------------------------------------------- E_PIN_RANGE

test('E_PIN_RANGE: a GPIO the chip does not have', (t) => {
  const d = onlyDiagnostic(t, 'out 58\n', 'E_PIN_RANGE 1:5');
  t.is(d.message, 'GPIO58 does not exist on chip "bcm2711", which has GPIO0 to GPIO57.');
  onlyDiagnostic(t, 'out GPIO54\n', 'E_PIN_RANGE 1:5', { chip: 'bcm2835' });
  t.deepEqual(diagnosticsOf(t, 'out GPIO54\n', { chip: 'bcm2711' }), []);
});

test('E_PIN_RANGE: a range running off the chip, reported once without expanding it', (t) => {
  t.is(onlyDiagnostic(t, 'out 50..60\n', 'E_PIN_RANGE 1:5').message, 'The range 50..60 goes beyond chip "bcm2711", which has GPIO0 to GPIO57.');
  onlyDiagnostic(t, 'out 7\nset 0..1000000000\n', 'E_PIN_RANGE 2:5');
});

// ---------------------------------------------------------------- E_HEADER_PIN

test('E_HEADER_PIN: power and ground pins, and pins beyond the header', (t) => {
  t.is(onlyDiagnostic(t, 'out BOARD2\n', 'E_HEADER_PIN 1:5').message, 'Header pin 2 is 5 V power, not a GPIO.');
  t.is(onlyDiagnostic(t, 'out J8:6\n', 'E_HEADER_PIN 1:5').message, 'Header pin 6 is ground, not a GPIO.');
  t.is(onlyDiagnostic(t, 'out BOARD41\n', 'E_HEADER_PIN 1:5').message, 'The 40-pin header has no pin 41.');
});

// ---------------------------------------------------------------- E_PIN_NOT_ALLOWED

test('E_PIN_NOT_ALLOWED: a pin outside the allow list, at its use', (t) => {
  const d = onlyDiagnostic(t, 'allow 7..11\nout 7..12\n', 'E_PIN_NOT_ALLOWED 2:5');
  t.is(d.message, 'GPIO12 is not in the allow list.');
  t.is(d.hint, 'The script allows only 7..11.');
});

test('E_PIN_NOT_ALLOWED: inside a def, in on exit, and in a wait until', (t) => {
  t.deepEqual(diagnosticsOf(t, 'allow 7, 8\ndef f(p) < out p >\nf(7)\nf(9)\n'), ['E_PIN_NOT_ALLOWED 2:16']);
  t.deepEqual(diagnosticsOf(t, 'allow 7\nout 7\non exit < clear 6 >\n'), ['E_PIN_NOT_ALLOWED 3:17', 'W_NOT_OUTPUT 3:17']);
  t.deepEqual(diagnosticsOf(t, 'allow 7\nout 7\nwait until 8 high timeout 1s\n'), ['E_PIN_NOT_ALLOWED 3:1']);
});

test('allow statements add up, and the IR records them', (t) => {
  const { ir, diagnostics } = elaborateText('allow 7\nallow 8, 7\nout 7, 8\n');
  t.deepEqual(diagnostics, []);
  t.deepEqual(ir!.allow, [7, 8]);
  t.is(elaborateText('out 7\n').ir!.allow, undefined);
});

// ---------------------------------------------------------------- E_ALT_FUNCTION

test('E_ALT_FUNCTION: an alternate function the chip does not have', (t) => {
  const d = onlyDiagnostic(t, 'alt 6 14\n', 'E_ALT_FUNCTION 1:5');
  t.is(d.message, 'Chip "bcm2711" has alternate functions 0 to 5; there is no alt 6.');
  t.deepEqual(diagnosticsOf(t, 'alt 5 14\n'), []);
});

// ---------------------------------------------------------------- E_WAIT_UNTIL_PINS

test('E_WAIT_UNTIL_PINS: wait until on a list of pins', (t) => {
  const d = onlyDiagnostic(t, 'pin bar = 7..9\nin bar\nwait until bar high\n', 'E_WAIT_UNTIL_PINS 3:12');
  t.is(d.message, 'wait until watches exactly one pin, but this is 3 pins.');
});
