/**
 * Bugs the fuzzer found, each pinned by the smallest input that showed it.
 */
import test from 'ava';
import { parseScript } from '../../src/language/parse.js';

const FILE = '/fuzz/main.gpio';

function syntaxErrorSpans(text: string): string[] {
  return parseScript(text, FILE).diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} [${d.span.start}, ${d.span.end})`);
}

// The error at a line break used the break's own one-character span, so its end column was
// two past the end of the line: outside the file for editors and the code frame.
test('E_SYNTAX at the end of a line (\\n) is a zero-width span just past its last character', (t) => {
  t.deepEqual(syntaxErrorSpans('set\nout 7\n'), ['E_SYNTAX 1:4-1:4 [3, 3)']);
});

test('E_SYNTAX at the end of a line (lone \\r) is a zero-width span just past its last character', (t) => {
  t.deepEqual(syntaxErrorSpans('out 7\rx\rset 7\n'), ['E_SYNTAX 2:2-2:2 [7, 7)']);
});

test('E_SYNTAX at the end of a line (\\r\\n) is a zero-width span just past its last character', (t) => {
  t.deepEqual(syntaxErrorSpans('write\r\nout 7\r\n'), ['E_SYNTAX 1:6-1:6 [5, 5)']);
});
