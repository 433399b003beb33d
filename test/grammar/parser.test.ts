import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCst } from '../../grammar/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Syntax error messages of `text` as `line:column message`. */
function errorsOf(text: string): string[] {
  const { lexErrors, parseErrors } = parseCst(text);
  return [...lexErrors.map((e) => `${e.line}:${e.column} lex`), ...parseErrors.map((e) => `${e.token.startLine}:${e.token.startColumn} ${e.message}`)];
}

test("the design card's one-liner parses", (t) => {
  t.deepEqual(errorsOf('out 7..11; repeat 5 < set 7..11; wait 250ms; clear 7..11 >'), []);
});

test('>> closes two nested blocks', (t) => {
  t.deepEqual(errorsOf('repeat 2 < repeat 3 < toggle 7; wait 1ms >>'), []);
  const { cst } = parseCst('repeat 2 < repeat 3 < toggle 7; wait 1ms >>');
  t.is(cst.children.statement?.length, 1);
});

test('every example script parses without errors', (t) => {
  const dirs = ['scripts', 'scripts/lib'];
  let count = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(`${ROOT}${dir}`).filter((file) => file.endsWith('.gpio'))) {
      t.deepEqual(errorsOf(readFileSync(`${ROOT}${dir}/${name}`, 'utf8')), [], `${dir}/${name}`);
      count++;
    }
  }
  t.true(count >= 10);
});

test('every statement form parses', (t) => {
  const forms = [
    'pin led = GPIO17', 'pins bar = 7..11, 20', 'const on = 250ms', 'param count = 5', 'def chase(p, t) < set p; wait t; clear p >',
    'def noArgs() < >', 'chase(7, 50ms)', 'noArgs()', 'import "lib/leds.gpio"', 'chip bcm2711', 'allow 7..11, BOARD11', 'out 7', 'in 7',
    'in 7 pull up', 'in 7 pull down', 'in 7 pull none', 'alt 4 14, 15', 'set 7', 'clear 7', 'toggle 7', 'write 16..23 = 0xA5',
    'wait 1ms', 'wait until 27 low', 'wait until 27 high timeout 5s', 'wait until 27 high timeout 5s else < log "late" >',
    'wait until 27 high else < >', 'repeat 3 < set 7 >', 'repeat 3 every 20ms < set 7 >', 'forever < toggle 7; wait 1s >',
    'every 20ms < toggle 7 >', 'for p in 7..11 < set p >', 'for p in bar, 20 < set p >', 'log "hello"', 'mark "start"',
    'on exit < clear 7 >',
  ];
  for (const form of forms) t.deepEqual(errorsOf(form), [], form);
});

test('blank lines and extra separators are allowed anywhere', (t) => {
  t.deepEqual(errorsOf('\n\n;;out 7;;\n\nrepeat 2 <;;\n\n set 7 ;\n\n>;;\n'), []);
  t.deepEqual(errorsOf(''), []);
});

test('on is a keyword only in on exit; elsewhere it is a name', (t) => {
  t.deepEqual(errorsOf('const on = 250ms\nwait on\nfor on in 7 < set on >\non exit < wait on >'), []);
});

test('statements on one line need a separator', (t) => {
  t.deepEqual(errorsOf('set 7 clear 7'), ["1:7 Expected a newline or ';' after the statement, but found \"clear\"."]);
  t.deepEqual(errorsOf('repeat 2 < set 7 > clear 7'), ["1:20 Expected a newline or ';' after the statement, but found \"clear\"."]);
});

test('a range does not associate', (t) => {
  t.deepEqual(errorsOf('set 1..2..3'), ["1:9 Expected a newline or ';' after the statement, but found \"..\"."]);
});

test('the parser recovers and reports errors in several statements', (t) => {
  const errors = errorsOf('set\nwait until 7 medium\nin 7 pull sideways\nset 8 9\nrepeat 2 < set 1');
  t.is(errors.length, 5, errors.join('\n'));
  t.regex(errors[1]!, /^2:14 Expected a duration or 'until' after 'wait' but found "medium"\.$/);
  t.regex(errors[2]!, /^3:11 Expected 'up', 'down' or 'none' after 'pull' but found "sideways"\.$/);
  t.regex(errors[3]!, /^4:7 Expected a newline or ';' after the statement, but found "9"\.$/);
  t.regex(errors[4]!, /Expected '>' to close the block opened at 5:10, but found end of input\.$/);
});

test('a > with no open block is an error, and the rest still parses', (t) => {
  const { cst, parseErrors } = parseCst('>\nset 1\nset 2 >\nset 3');
  t.deepEqual(parseErrors.map((e) => e.message), ["Found '>' but there is no open block to close.", "Found '>' but there is no open block to close."]);
  t.is(cst.children.statement?.length, 3);
});
