import test from 'ava';
import { chipStatementOf } from '../../src/compile/elaborate.js';
import { diagnosticsOf, elaborateText, onlyDiagnostic } from './_elaborateText.js';

// ---------------------------------------------------------------- E_RECURSION

test('E_RECURSION: a def calling itself', (t) => {
  t.is(onlyDiagnostic(t, 'def f() < f() >\nf()\n', 'E_RECURSION 1:11').message, '"f" calls itself.');
});

test('E_RECURSION: defs calling each other, reported once at the call closing the cycle', (t) => {
  const d = onlyDiagnostic(t, 'def a() < b() >\ndef b() < a() >\na()\n', 'E_RECURSION 2:11');
  t.is(d.message, '"a" calls itself through "b" (a → b → a).');
});

// ---------------------------------------------------------------- E_UNREACHABLE

test('E_UNREACHABLE: a step after forever; definitions and on exit may follow', (t) => {
  const text = 'out 7\nforever < toggle 7; wait 1ms >\nclear 7\nconst late = 1\non exit < clear 7 >\n';
  t.deepEqual(diagnosticsOf(t, text), ['E_UNREACHABLE 3:1', 'W_UNUSED 4:7']);
});

test('E_UNREACHABLE: a step after an endless every inside a block', (t) => {
  onlyDiagnostic(t, 'out 7\nrepeat 2 < every 1ms < toggle 7 >; log "x" >\n', 'E_UNREACHABLE 2:36');
  t.deepEqual(diagnosticsOf(t, 'out 7\nrepeat 2 every 1ms < toggle 7 >\nlog "x"\n'), []);
});

// ---------------------------------------------------------------- E_EXIT_BLOCK, E_EXIT_FOREVER

test('E_EXIT_BLOCK: a second on exit block', (t) => {
  onlyDiagnostic(t, 'out 7\non exit < clear 7 >\non exit < clear 7 >\n', 'E_EXIT_BLOCK 3:1');
});

test('E_EXIT_BLOCK: on exit inside a block', (t) => {
  onlyDiagnostic(t, 'out 7\nrepeat 2 < on exit < clear 7 > >\n', 'E_EXIT_BLOCK 2:12');
});

test('E_EXIT_FOREVER: an endless loop or an unbounded wait in on exit', (t) => {
  onlyDiagnostic(t, 'out 7\non exit < forever < toggle 7; wait 1ms > >\n', 'E_EXIT_FOREVER 2:11');
  onlyDiagnostic(t, 'in 8\non exit < wait until 8 high >\n', 'E_EXIT_FOREVER 2:11');
  t.deepEqual(diagnosticsOf(t, 'in 8\non exit < wait until 8 high timeout 10ms >\n'), []);
});

// ---------------------------------------------------------------- E_TOP_LEVEL

test('E_TOP_LEVEL: param, def, allow and chip inside a block (the parser already refuses import there)', (t) => {
  onlyDiagnostic(t, 'repeat 2 < param n = 3; wait n * 1ms >\n', 'E_TOP_LEVEL 1:12');
  onlyDiagnostic(t, 'repeat 2 < def f() < > >\n', 'E_TOP_LEVEL 1:12');
  onlyDiagnostic(t, 'out 7\nrepeat 2 < allow 7 >\n', 'E_TOP_LEVEL 2:12');
  onlyDiagnostic(t, 'repeat 2 < chip bcm2835 >\n', 'E_TOP_LEVEL 1:12');
});

test('pins and consts may be local to a block', (t) => {
  t.deepEqual(diagnosticsOf(t, 'repeat 2 < pin led = 17; const d = 2ms; out led; set led; wait d; clear led; wait d >\n'), []);
});

// ---------------------------------------------------------------- E_IMPORT_STATEMENT

test('E_IMPORT_STATEMENT: steps and params in an imported file', (t) => {
  const files = { 'lib.gpio': 'pins bar = 7..11\nout bar\nparam x = 3\n' };
  const result = elaborateText('import "lib.gpio"\nout bar\n', { files });
  t.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.line}:${d.span.column}`),
    ['E_IMPORT_STATEMENT /virtual/lib.gpio:2:1', 'E_IMPORT_STATEMENT /virtual/lib.gpio:3:1']);
});

// ---------------------------------------------------------------- chips

test('E_UNKNOWN_CHIP: a chip statement naming no known chip', (t) => {
  const d = onlyDiagnostic(t, 'chip bcm9999\nout 7\n', 'E_UNKNOWN_CHIP 1:6');
  t.is(d.message, 'Unknown chip "bcm9999".');
  t.regex(d.hint ?? '', /bcm2711/);
});

test('E_CHIP_CONFLICT: two chip statements naming different register maps', (t) => {
  onlyDiagnostic(t, 'chip bcm2835\nchip bcm2711\nout 7\n', 'E_CHIP_CONFLICT 2:6');
  t.deepEqual(diagnosticsOf(t, 'chip bcm2835\nchip bcm2837\nout 7\n'), []);
});

test('chipStatementOf finds the first chip statement, and the IR names the chip', (t) => {
  const { ir, loaded } = elaborateText('out 7\nchip BCM2835\n');
  t.is(chipStatementOf(loaded.main)?.name.name, 'BCM2835');
  t.is(ir!.chip?.name, 'bcm2835');
  t.is(ir!.chip?.span.line, 2);
  t.is(chipStatementOf(elaborateText('out 7\n').loaded.main), undefined);
});
