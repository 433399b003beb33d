import test from 'ava';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING } from '../../src/language/nesting.js';
import { parseScript } from '../../src/language/parse.js';
import { FILE, where, withoutSpans } from './_parseHelpers.js';

/** Diagnostics of `text` as `where CODE message`. */
function report(text: string): string[] {
  return parseScript(text, FILE).diagnostics.map((d) => `${where(d.span)} ${d.code} ${d.message}`);
}

test('E_LEX at the offending character, spanning a run of them', (t) => {
  t.deepEqual(report('out 7\nset 7 $\nset 8 @@@'), [
    '2:7-2:8 E_LEX Unexpected character "$".',
    '3:7-3:10 E_LEX Unexpected characters "@@@".',
  ]);
});

test('E_LEX hints at the likely intent', (t) => {
  const [curly] = parseScript('log “hi”', FILE).diagnostics;
  t.is(curly?.code, 'E_LEX');
  t.is(curly?.hint, 'Strings use straight double quotes: "text".');
  t.is(parseScript("log 'hi'", FILE).diagnostics[0]?.hint, 'Strings use double quotes: "text".');
});

test('E_SYNTAX at the offending token', (t) => {
  t.deepEqual(report('out 7\npin = 7'), ['2:5-2:6 E_SYNTAX Expected a name but found "=".']);
  t.deepEqual(report('repeat 3 <\n  set 7; = 2\n>'), ['2:10-2:11 E_SYNTAX Expected a statement but found "=".']);
  t.deepEqual(report('set 7 clear 7'), ["1:7-1:12 E_SYNTAX Expected a newline or ';' after the statement, but found \"clear\"."]);
  t.deepEqual(report('wait 5 +\nset 7'), ['1:9-1:9 E_SYNTAX Expected a value (a number, duration, pin, name or "(") but found the end of the line.']);
});

test('E_SYNTAX at end of input: just after the last token', (t) => {
  t.deepEqual(report('repeat 3 <\n  set 7\n'), ["2:8-2:8 E_SYNTAX Expected '>' to close the block opened at 1:10, but found end of input."]);
  t.deepEqual(report('set'), ['1:4-1:4 E_SYNTAX Expected a pin or a value but found end of input.']);
  t.deepEqual(report('out 7,   # a comment'), ['1:7-1:7 E_SYNTAX Expected a value (a number, duration, pin, name or "(") but found end of input.']);
});

test('E_SYNTAX for an unclosed block names the innermost open one', (t) => {
  t.deepEqual(report('forever <\n  repeat 2 < set 1 >\n  repeat 3 <\n    set 2'), [
    "4:10-4:10 E_SYNTAX Expected '>' to close the block opened at 3:12, but found end of input.",
  ]);
});

test('E_SYNTAX for a > with no open block', (t) => {
  t.deepEqual(report('repeat 2 < set 1 >>'), ["1:19-1:20 E_SYNTAX Found '>' but there is no open block to close."]);
});

test('a typo of a keyword gets a did-you-mean hint', (t) => {
  const [d] = parseScript('sett 7', FILE).diagnostics;
  t.like(d, { code: 'E_SYNTAX', message: 'Expected \'(\' after "sett" to call a def, but found "7".', hint: 'Did you mean "set"?' });
  t.is(where(d!.span), '1:6-1:7');
  t.is(parseScript('repaet 3 < >', FILE).diagnostics[0]?.hint, 'Did you mean "repeat"?');
  t.is(parseScript('on = 5', FILE).diagnostics[0]?.message, 'Expected \'exit\' but found "=".');
  t.is(parseScript('bar = 5', FILE).diagnostics[0]?.hint, 'To declare a constant, write "const bar = …".');
});

test('a unit written apart from its number gets a hint', (t) => {
  const [d] = parseScript('wait 5 ms', FILE).diagnostics;
  t.is(d?.code, 'E_SYNTAX');
  t.is(where(d!.span), '1:8-1:10');
  t.is(d?.hint, 'Write the unit against the number: "5ms".');
});

test('several mistakes give several diagnostics, one per line', (t) => {
  const text = 'out 7\nwait 5 ms extra\nset $ 7\nin 7 pull sideways\nrepeat 2 < set 1';
  t.deepEqual(parseScript(text, FILE).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`), [
    '2:8 E_SYNTAX',
    '3:5 E_LEX',
    '4:11 E_SYNTAX',
    '5:17 E_SYNTAX',
  ]);
});

test('the statements around a mistake still make it into the AST', (t) => {
  const { script } = parseScript('out 7\nset 7 8\nrepeat 2 <\n  set 7\n  = 1\n  clear 7\n>\nwait 1ms', FILE);
  t.deepEqual(script.statements.map((s) => s.kind), ['Mode', 'Drive', 'Repeat', 'Wait']);
  const repeat = script.statements[2];
  if (repeat?.kind !== 'Repeat') return t.fail();
  t.deepEqual(repeat.body.statements.map((s) => s.kind), ['Drive', 'Drive']);
});

test('no value is made up for a token that recovery inserted', (t) => {
  const { script, diagnostics } = parseScript('pin = 7\nconst x 5\nset 7..', FILE);
  t.is(diagnostics.length, 3);
  // The missing `=` of the const is only punctuation: the statement keeps its real parts.
  t.deepEqual(withoutSpans(script.statements), [{ kind: 'ConstDecl', name: { name: 'x' }, value: [{ kind: 'Int', value: 5 }] }],
    'no alias without a name, no range without an end');
});

test('E_NESTING_LIMIT for blocks or parentheses nested too deep', (t) => {
  const deep = `wait ${'('.repeat(MAX_NESTING + 1)}1${')'.repeat(MAX_NESTING + 1)}`;
  t.deepEqual(report(deep), [`1:${6 + MAX_NESTING}-1:${7 + MAX_NESTING} E_NESTING_LIMIT Blocks and parentheses are nested more than ${MAX_NESTING} deep here.`]);
  t.deepEqual(report(`wait ${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)}`), []);
  const blocks = `${'forever < '.repeat(MAX_NESTING + 1)}${'>'.repeat(MAX_NESTING + 1)}`;
  t.is(report(blocks)[0], `1:${1 + 10 * MAX_NESTING + 8}-1:${1 + 10 * MAX_NESTING + 9} E_NESTING_LIMIT Blocks and parentheses are nested more than ${MAX_NESTING} deep here.`);
});

test('thousands of nested parentheses are refused, not a stack overflow', (t) => {
  const { diagnostics } = parseScript(`wait ${'('.repeat(5000)}1${')'.repeat(5000)}`, FILE);
  t.deepEqual(diagnostics.map((d) => d.code), ['E_NESTING_LIMIT']);
});

test('E_NESTING_LIMIT for an expression chain deeper than the limit', (t) => {
  const chain = Array.from({ length: MAX_EXPRESSION_DEPTH + 2 }, () => '1').join('+');
  t.deepEqual(report(`wait ${chain}`), [`1:6-1:${6 + chain.length} E_NESTING_LIMIT This expression is nested more than ${MAX_EXPRESSION_DEPTH} operators deep.`]);
  const prefix = `${'-'.repeat(MAX_EXPRESSION_DEPTH + 1)}1`;
  t.deepEqual(report(`wait ${prefix}`).map((line) => line.split(' ')[1]), ['E_NESTING_LIMIT']);
});

test('empty input and only comments are fine', (t) => {
  t.deepEqual(report(''), []);
  t.deepEqual(report('# nothing here\n\n'), []);
});
