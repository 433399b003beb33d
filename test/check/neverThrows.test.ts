import test from 'ava';
import fc from 'fast-check';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { elaborateText } from './_elaborateText.js';

// Statements and fragments, well-formed and not, that exercise every stage of elaboration.
const FRAGMENTS = [
  'out 7..11', 'in 4 pull up', 'alt 9 14', 'set bar', 'clear 7, 99', 'toggle x', 'write bar = 31', 'write bar = -1',
  'wait 5', 'wait on', 'wait -1ms', 'wait 0', 'wait until 4 low timeout 1s else < log "t" >', 'wait until bar high',
  'repeat 3 <', 'repeat n every 2ms <', 'forever <', 'every 0ms <', '>', 'for p in bar <', 'for i in 0..3 <',
  'def f(a) <', 'f(7)', 'f()', 'g(1)', 'pins bar = 7..11', 'const on = 250ms', 'param n = 2', 'const n = on / 0',
  'allow 7..9', 'chip bcm2835', 'chip nope', 'on exit <', 'log "x"', 'mark "y"', 'write 7 = bit(n, 70)', 'bar(1)',
  'const big = 0xFFFFFFFFFFFFF * 0xFFFFF', 'set GPIO60', 'set BOARD1', 'import "none.gpio"', 'const r = 10..0', 'set r',
];

test('elaborate never throws, and gives an IR exactly when there is no error', (t) => {
  // fc.assert throws (failing the test) with the smallest script that breaks the property.
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }), fc.constantFrom('\n', '; '), (parts, separator) => {
      const result = elaborateText(parts.join(separator) + '\n');
      return (result.ir === undefined) === hasErrors(result.diagnostics);
    }),
    { numRuns: 300 },
  );
  t.pass();
});
