import test from 'ava';
import { lexGpio } from '../../grammar/index.js';

/** `Name:image` of every token of `text`. */
function lex(text: string): string[] {
  return lexGpio(text).tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

test('integers in every base and with separators', (t) => {
  t.deepEqual(lex('42 0x2A 0b101010 1_000'), ['Integer:42', 'Integer:0x2A', 'Integer:0b101010', 'Integer:1_000']);
});

test('durations carry their unit; a decimal without one is a Decimal', (t) => {
  t.deepEqual(lex('250ms 1.5ms 20us 20µs 104167ns 2s 1min 1.5'), [
    'Duration:250ms', 'Duration:1.5ms', 'Duration:20us', 'Duration:20µs', 'Duration:104167ns', 'Duration:2s', 'Duration:1min', 'Decimal:1.5',
  ]);
});

test('a number with letters glued on is one token, for the AST builder to explain', (t) => {
  t.deepEqual(lex('250msx 5sec 0b102'), ['Integer:250msx', 'Integer:5sec', 'Integer:0b102']);
});

test('7..11 is Integer DotDot Integer', (t) => {
  t.deepEqual(lex('7..11'), ['Integer:7', 'DotDot:..', 'Integer:11']);
  t.deepEqual(lex('1.5..2.5'), ['Decimal:1.5', 'DotDot:..', 'Decimal:2.5']);
});

test('pin names in both schemes', (t) => {
  t.deepEqual(lex('GPIO17 BOARD11 J8:11'), ['PinName:GPIO17', 'PinName:BOARD11', 'PinName:J8:11']);
  t.deepEqual(lex('GPIO17x gpio17'), ['Identifier:GPIO17x', 'Identifier:gpio17'], 'only the exact forms are pin names');
});

test('keywords are reserved, longer words stay identifiers', (t) => {
  t.deepEqual(lex('pin pins for forever in int setx bit'), [
    'Pin:pin', 'Pins:pins', 'For:for', 'Forever:forever', 'In:in', 'Identifier:int', 'Identifier:setx', 'Identifier:bit',
  ]);
});

test('>> is two block closers (there are no shift operators)', (t) => {
  t.deepEqual(lex('>>'), ['RAngle:>', 'RAngle:>']);
});

test('newlines are tokens in all three conventions; spaces, tabs and comments are skipped', (t) => {
  t.deepEqual(lex('set 1 # on\r\nset 2\rset 3\n\tset 4;'), [
    'Set:set', 'Integer:1', 'Newline:\r\n', 'Set:set', 'Integer:2', 'Newline:\r', 'Set:set', 'Integer:3', 'Newline:\n',
    'Set:set', 'Integer:4', 'Semicolon:;',
  ]);
  const tokens = lexGpio('a\r\nb\rc').tokens;
  t.deepEqual(tokens.filter((token) => token.tokenType.name === 'Identifier').map((token) => token.startLine), [1, 2, 3]);
});

test('a shebang line is a comment', (t) => {
  t.deepEqual(lex('#!/usr/bin/env -S npx pinseq run\nout 7'), ['Newline:\n', 'Out:out', 'Integer:7']);
});

test('strings, including an unterminated one, are single tokens', (t) => {
  t.deepEqual(lex('"a \\"b\\" c" "open'), ['StringLiteral:"a \\"b\\" c"', 'StringLiteral:"open']);
});

test('operators and punctuation', (t) => {
  t.deepEqual(lex('+-*/%|^&~=,()<>;').map((token) => token.split(':')[0]), [
    'Plus', 'Minus', 'Star', 'Slash', 'Percent', 'Pipe', 'Caret', 'Ampersand', 'Tilde', 'Equals', 'Comma', 'LParen', 'RParen',
    'LAngle', 'RAngle', 'Semicolon',
  ]);
});

test('an unknown character is a lexing error with its position, and lexing goes on', (t) => {
  const { tokens, lexErrors } = lexGpio('set 7 $\nset 8');
  t.is(lexErrors.length, 1);
  t.like(lexErrors[0], { line: 1, column: 7, offset: 6, length: 1 });
  t.deepEqual(tokens.map((token) => token.image), ['set', '7', '\n', 'set', '8']);
});
