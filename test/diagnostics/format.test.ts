import test from 'ava';
import { type Diagnostic, error, warning } from '../../src/diagnostics/diagnostic.js';
import { codeFrame, formatDiagnostic, formatDiagnostics, sourceLine } from '../../src/diagnostics/format.js';
import { spanAt } from '../../src/language/span.js';

const text = 'out 7\nwait 5\n\tset bar, 99\n';
const at = (start: number, end: number) => spanAt('bar.gpio', text, start, end);

test('header, source line and caret under a one-character span', (t) => {
  const d = error('E_UNIT', at(11, 12), 'This needs a unit.');
  t.is(formatDiagnostic(d, text), 'bar.gpio:2:6: error: This needs a unit. [E_UNIT]\nwait 5\n     ^');
});

test('a longer span is underlined with tildes; tabs are kept so the caret lines up', (t) => {
  const d = warning('W_NOT_OUTPUT', at(23, 25), 'Pin 99 is not an output.');
  t.is(formatDiagnostic(d, text), 'bar.gpio:3:11: warning: Pin 99 is not an output. [W_NOT_OUTPUT]\n\tset bar, 99\n\t         ^~');
});

test('hint and related notes, with their own frames', (t) => {
  const d = warning('W_SAME_INSTANT', at(14, 25), 'Pin 7 is set and cleared in one instant.', 'Put a wait between them.', [
    { message: 'first set here', span: at(0, 5) },
  ]);
  t.is(formatDiagnostic(d, text), [
    'bar.gpio:3:2: warning: Pin 7 is set and cleared in one instant. [W_SAME_INSTANT]',
    '\tset bar, 99',
    `\t^${'~'.repeat(10)}`,
    '  hint: Put a wait between them.',
    '  note: bar.gpio:1:1: first set here',
    '    out 7',
    '    ^~~~~',
  ].join('\n'));
});

test('a span over several lines is underlined to the end of its first line', (t) => {
  const d = error('E_SYNTAX', at(6, 25), 'Whole block.');
  t.is(formatDiagnostic(d, text).split('\n').slice(1).join('\n'), 'wait 5\n^~~~~~');
});

test('an empty span at the end of a line gets a caret just after it', (t) => {
  const d = error('E_SYNTAX', at(5, 5), "Expected '>'.");
  t.is(formatDiagnostic(d, text), "bar.gpio:1:6: error: Expected '>'. [E_SYNTAX]\nout 7\n     ^");
});

test('without the source only the header (and hint) is printed', (t) => {
  const d = error('E_FILE_NOT_FOUND', spanAt('gone.gpio', '', 0), 'Cannot read "gone.gpio": no such file.', 'Check the path.');
  t.is(formatDiagnostic(d), 'gone.gpio:1:1: error: Cannot read "gone.gpio": no such file. [E_FILE_NOT_FOUND]\n  hint: Check the path.');
});

test('colour wraps the parts in ANSI codes without moving the caret', (t) => {
  const out = formatDiagnostic(error('E_UNIT', at(11, 12), 'This needs a unit.'), text, { color: true });
  t.is(out, '\x1b[1mbar.gpio:2:6:\x1b[0m \x1b[1m\x1b[31merror:\x1b[0m This needs a unit. [E_UNIT]\nwait 5\n     \x1b[1m\x1b[32m^\x1b[0m');
});

test('formatDiagnostics takes the text of each file from the map', (t) => {
  const other = spanAt('lib.gpio', 'pin x = 1', 4, 5);
  const list: Diagnostic[] = [error('E_UNIT', at(11, 12), 'One.'), error('E_DUPLICATE_NAME', other, 'Two.')];
  const sources = new Map([['bar.gpio', text], ['lib.gpio', 'pin x = 1']]);
  t.is(formatDiagnostics(list, sources), [
    'bar.gpio:2:6: error: One. [E_UNIT]', 'wait 5', '     ^',
    'lib.gpio:1:5: error: Two. [E_DUPLICATE_NAME]', 'pin x = 1', '    ^', '',
  ].join('\n'));
  t.is(formatDiagnostics([], sources), '');
});

test('source lines split on \\n, \\r\\n and a lone \\r', (t) => {
  const mixed = 'a\r\nb\rc\nd';
  t.deepEqual([1, 2, 3, 4, 5].map((line) => sourceLine(mixed, line)), ['a', 'b', 'c', 'd', undefined]);
  t.deepEqual(codeFrame({ file: 'f', start: 0, end: 0, line: 9, column: 1, endLine: 9, endColumn: 1 }, mixed), []);
});
