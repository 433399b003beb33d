import test from 'ava';
import { diagnosticsOf, onlyDiagnostic } from './_elaborateText.js';

// ---------------------------------------------------------------- E_UNKNOWN_NAME

test('E_UNKNOWN_NAME: a name nothing defines', (t) => {
  const d = onlyDiagnostic(t, 'out 7\nset led\n', 'E_UNKNOWN_NAME 2:5');
  t.is(d.message, 'Unknown name "led".');
  t.is(d.severity, 'error');
  t.is(d.span.endColumn, 8);
});

test('E_UNKNOWN_NAME: a misspelt name suggests the close one', (t) => {
  const d = onlyDiagnostic(t, 'pin led = 17\nout led\nset leds\n', 'E_UNKNOWN_NAME 3:5');
  t.is(d.hint, 'Did you mean "led"?');
});

test('E_UNKNOWN_NAME: a const used above its definition says so', (t) => {
  const d = onlyDiagnostic(t, 'out 7\nwait t\nconst t = 5ms\n', 'E_UNKNOWN_NAME 2:6');
  t.is(d.message, '"t" is used before its definition.');
  t.is(d.hint, 'Pins, consts and params must be defined above their first use; "t" is defined on line 3.');
});

test('E_UNKNOWN_NAME: a def body only sees globals defined above the def', (t) => {
  onlyDiagnostic(t, 'def f() < wait t >\nconst t = 1ms\nf()\n', 'E_UNKNOWN_NAME 1:16');
});

test('E_UNKNOWN_NAME: an unknown def and an unknown function', (t) => {
  t.is(onlyDiagnostic(t, 'out 7\nblink()\n', 'E_UNKNOWN_NAME 2:1').message, 'Unknown def "blink".');
  const d = onlyDiagnostic(t, 'out 7\nwrite 7 = foo(1, 2)\n', 'E_UNKNOWN_NAME 2:11');
  t.is(d.message, 'Unknown function "foo".');
  t.is(d.hint, 'The built-in functions are bit(x, i).');
});

test('E_UNKNOWN_NAME: a loop variable is not visible after its loop', (t) => {
  t.deepEqual(diagnosticsOf(t, 'out 7..9\nfor p in 7..9 < set p >\nclear p\n'), ['E_UNKNOWN_NAME 3:7']);
});

test('a def may be called above its definition, and inner names may shadow outer ones', (t) => {
  t.deepEqual(diagnosticsOf(t, 'out 7\nblink()\ndef blink() < set 7; wait 1ms; clear 7 >\n'), []);
  t.deepEqual(diagnosticsOf(t, 'pin p = 7\nout p\ndef blip(p) < set p >\nfor p in 8..9 < out p; blip(p) >\n'), []);
});

test('an import defines its names at the import line', (t) => {
  const files = { 'lib.gpio': 'pins bar = 7..11\ndef flash(t) < set bar; wait t; clear bar; wait t >\n' };
  t.deepEqual(diagnosticsOf(t, 'import "lib.gpio"\nout bar\nflash(10ms)\n', { files }), []);
  t.deepEqual(diagnosticsOf(t, 'out bar\nimport "lib.gpio"\n', { files }), ['E_UNKNOWN_NAME 1:5']);
});

// ---------------------------------------------------------------- E_DUPLICATE_NAME

test('E_DUPLICATE_NAME: two globals of one name, reported at the second', (t) => {
  const d = onlyDiagnostic(t, 'pin led = 17\nconst led = 5\nout led\n', 'E_DUPLICATE_NAME 2:7');
  t.is(d.message, '"led" is already defined, as a pin alias on line 1.');
  t.is(d.related?.[0]?.span.line, 1);
});

test('E_DUPLICATE_NAME: a def and a const share the global scope', (t) => {
  t.deepEqual(diagnosticsOf(t, 'const blip = 1ms\nout 7\ndef blip() < toggle 7 >\nwait blip\n'), ['E_DUPLICATE_NAME 3:5']);
});

test('E_DUPLICATE_NAME: two def parameters of one name', (t) => {
  onlyDiagnostic(t, 'def f(a, a) < wait a >\nf(1ms, 2ms)\n', 'E_DUPLICATE_NAME 1:10');
});

test('E_DUPLICATE_NAME: a block-local const named like its loop variable', (t) => {
  onlyDiagnostic(t, 'for i in 0..1 < const i = 3 >\n', 'E_DUPLICATE_NAME 1:23');
});

test('E_DUPLICATE_NAME: a script redefining an imported name', (t) => {
  const files = { 'lib.gpio': 'pins bar = 7..11\n' };
  onlyDiagnostic(t, 'import "lib.gpio"\npin bar = 3\nout bar\n', 'E_DUPLICATE_NAME 2:5', { files });
});

// ---------------------------------------------------------------- E_RESERVED_NAME

test('E_RESERVED_NAME: a declaration named like a built-in function', (t) => {
  const d = onlyDiagnostic(t, 'const bit = 1\n', 'E_RESERVED_NAME 1:7');
  t.is(d.message, '"bit" is a built-in function and cannot be the name of a const.');
});

// ---------------------------------------------------------------- E_NOT_CALLABLE, E_ARGUMENT_COUNT

test('E_NOT_CALLABLE: calling a const', (t) => {
  t.is(onlyDiagnostic(t, 'const x = 5\nx()\n', 'E_NOT_CALLABLE 2:1').message, '"x" is a const, not a def, so it cannot be called.');
});

test('E_NOT_CALLABLE: a def called inside an expression', (t) => {
  onlyDiagnostic(t, 'def f() < wait 1ms >\nout 7\nwrite 7 = f()\n', 'E_NOT_CALLABLE 3:11');
});

test('E_NOT_CALLABLE: the built-in bit used as a statement', (t) => {
  onlyDiagnostic(t, 'bit(1, 2)\n', 'E_NOT_CALLABLE 1:1');
});

test('E_ARGUMENT_COUNT: a def call with too few arguments', (t) => {
  const d = onlyDiagnostic(t, 'def blip(p, t) < set p; wait t; clear p >\nout 7\nblip(7)\n', 'E_ARGUMENT_COUNT 3:1');
  t.is(d.message, '"blip" takes 2 arguments but is given 1.');
  t.is(d.hint, 'It is defined as blip(p, t) on line 1.');
});

test('E_ARGUMENT_COUNT: bit with one argument', (t) => {
  onlyDiagnostic(t, 'out 7\nwrite 7 = bit(1)\n', 'E_ARGUMENT_COUNT 2:11');
});

// ---------------------------------------------------------------- W_UNUSED

test('W_UNUSED: a main-file const nothing uses (a warning)', (t) => {
  const d = onlyDiagnostic(t, 'pin led = 17\nconst unused = 5\nout led\n', 'W_UNUSED 2:7');
  t.is(d.severity, 'warning');
  t.is(d.message, 'The const "unused" is never used.');
});

test('W_UNUSED: definitions of an imported library are not reported', (t) => {
  const files = { 'lib.gpio': 'const a = 1\nconst b = 2\ndef c() < >\n' };
  t.deepEqual(diagnosticsOf(t, 'import "lib.gpio"\nrepeat a < >\n', { files }), []);
});
