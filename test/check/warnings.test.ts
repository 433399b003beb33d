import test from 'ava';
import { diagnosticsOf, onlyDiagnostic } from './_elaborateText.js';

// ---------------------------------------------------------------- W_NOT_OUTPUT

test('W_NOT_OUTPUT: driving a pin never made an output', (t) => {
  const d = onlyDiagnostic(t, 'set 7\n', 'W_NOT_OUTPUT 1:5');
  t.is(d.severity, 'warning');
  t.is(d.message, 'GPIO7 is driven but the script never made it an output before this.');
});

test('W_NOT_OUTPUT: one warning per pin list, and per pin however often it is driven', (t) => {
  const d = onlyDiagnostic(t, 'pin bar = 7..9\nset bar\nwait 1ms\nout bar\nset bar\n', 'W_NOT_OUTPUT 2:5');
  t.is(d.message, 'Pins 7..9 are driven but the script never made them an output before this.');
});

test('W_NOT_OUTPUT: an out in the same instant counts (set 7; out 7 starts high without a glitch)', (t) => {
  t.deepEqual(diagnosticsOf(t, 'set 7; out 7\n'), []);
});

test('W_NOT_OUTPUT: program order, so an out later in a loop body is too late for the first iteration', (t) => {
  onlyDiagnostic(t, 'repeat 2 < set 7; wait 1ms; out 7; wait 1ms >\n', 'W_NOT_OUTPUT 1:16');
});

// ---------------------------------------------------------------- W_SAME_INSTANT

test('W_SAME_INSTANT: set and clear of one pin between two waits', (t) => {
  const d = onlyDiagnostic(t, 'out 7\nset 7\nclear 7\n', 'W_SAME_INSTANT 3:7');
  t.is(d.message, 'GPIO7 is set and cleared in the same instant, so only "cleared" takes effect.');
  t.deepEqual(d.related?.map((r) => `${r.message} ${r.span.line}:${r.span.column}`), ['First set here. 2:5']);
});

test('W_SAME_INSTANT: across a def expansion, which does not end the instant', (t) => {
  const d = onlyDiagnostic(t, 'def hi(p) < set p >\nout 7\nhi(7); clear 7\n', 'W_SAME_INSTANT 3:14');
  t.is(d.related?.[0]?.span.column, 17);
});

test('W_SAME_INSTANT: a write against a set; wait 0 and toggles do not warn', (t) => {
  onlyDiagnostic(t, 'out 7, 8\nset 8\nwrite 7, 8 = 1\n', 'W_SAME_INSTANT 3:10');
  t.deepEqual(diagnosticsOf(t, 'out 7\nset 7; wait 0; clear 7\n'), []);
  t.deepEqual(diagnosticsOf(t, 'out 7\ntoggle 7; toggle 7\n'), []);
});

// ---------------------------------------------------------------- W_ZERO_WIDTH

test('W_ZERO_WIDTH: the one-liner clears its pins at the end of the loop and sets them at the start', (t) => {
  const d = onlyDiagnostic(t, 'out 7..11; repeat 5 < set 7..11; wait 250ms; clear 7..11 >\n', 'W_ZERO_WIDTH 1:52');
  t.is(d.message, 'Pins 7..11 are cleared at the end of the loop and set at the start of the next iteration with no wait between: a zero-width pulse.');
  t.deepEqual(d.related?.map((r) => `${r.span.line}:${r.span.column}`), ['1:27', '1:12']);
});

test('W_ZERO_WIDTH: a loop that only toggles', (t) => {
  onlyDiagnostic(t, 'out 7\nforever < toggle 7 >\n', 'W_ZERO_WIDTH 2:18');
});

test('W_ZERO_WIDTH: a periodic loop whose waits fill the period exactly', (t) => {
  onlyDiagnostic(t, 'out 7\nrepeat 5 every 1ms < set 7; wait 1ms; clear 7 >\n', 'W_ZERO_WIDTH 2:45');
});

test('no W_ZERO_WIDTH: a wait at the end, other pins, one iteration, a period with room, nested loops with time', (t) => {
  t.deepEqual(diagnosticsOf(t, 'out 7\nforever < set 7; wait 1ms; clear 7; wait 1ms >\n'), []);
  t.deepEqual(diagnosticsOf(t, 'out 7, 8\nforever < set 7; wait 1ms; clear 7; set 8; wait 1ms; clear 8 >\n'), []);
  t.deepEqual(diagnosticsOf(t, 'out 7\nrepeat 1 < set 7; wait 1ms; clear 7 >\n'), []);
  t.deepEqual(diagnosticsOf(t, 'out 7\nrepeat 50 every 20ms < set 7; wait 1ms; clear 7 >\n'), []);
  t.deepEqual(diagnosticsOf(t, 'out 7, 8\nrepeat 3 < repeat 2 < set 7; wait 1ms; clear 7; wait 1ms >; set 8; wait 1ms; clear 8 >\n'), []);
});

test('W_ZERO_WIDTH: a pulse hidden in a def and a nested loop without time', (t) => {
  const text = 'def blip(p) < set p; wait 1ms; clear p >\nout 7\nrepeat 3 < repeat 2 < blip(7) > >\n';
  t.deepEqual(diagnosticsOf(t, text), ['W_ZERO_WIDTH 1:38']);
});
