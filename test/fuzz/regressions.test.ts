/**
 * Bugs the fuzzer found, each pinned by the smallest input that showed it.
 */
import test from 'ava';
import { compileSource } from '../../src/compile/compileScript.js';
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

// Chevrotain resumed the statement list recursively after each error, so some 2,000 stray
// lines overflowed the stack (reported as one misleading E_NESTING_LIMIT at 1:1), and each
// error rescanned the rest of the file for a resync token (minutes for 300,000 lines).
test('20,000 stray lines give 20,000 located E_SYNTAX, not a stack overflow', (t) => {
  for (const stray of ['5', ')', '"', '>']) {
    const diagnostics = parseScript(`${stray}\n`.repeat(20_000), FILE).diagnostics;
    t.is(diagnostics.length, 20_000, `for ${stray}`);
    t.deepEqual(diagnostics.map((d) => d.code).filter((code) => code !== 'E_SYNTAX' && code !== 'E_STRING'), [], `for ${stray}`);
    t.deepEqual([diagnostics[0]!.span.line, diagnostics[19_999]!.span.line], [1, 20_000], `for ${stray}`);
  }
});

test('statements after thousands of stray lines still parse', (t) => {
  const { script } = parseScript(`${'5\n'.repeat(5000)}out 7\nset 7\n`, FILE);
  t.deepEqual(script.statements.map((s) => [s.kind, s.span.line]), [['Mode', 5001], ['Drive', 5002]]);
});

// push(...list) passes every element as an argument: past ~125,000 it overflows the stack.
test('140,000 lexing errors are 140,000 diagnostics, not a stack overflow', (t) => {
  const result = compileSource('$ '.repeat(140_000), { chip: 'bcm2711', file: FILE });
  t.is(result.diagnostics.length, 140_000);
  t.true(result.diagnostics.every((d) => d.code === 'E_LEX'));
});

test('131,000 logs held in one instant compile', (t) => {
  const result = compileSource(`out 7\n${'log "x"\n'.repeat(131_000)}`, { chip: 'bcm2711', file: FILE });
  t.deepEqual(result.diagnostics, []);
  t.not(result.program, undefined);
});
