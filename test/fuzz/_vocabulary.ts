/**
 * The words fuzz inputs are made of: every keyword of the language, its operators and
 * punctuation, literals of every kind (good and malformed), and the names the example
 * scripts use, so random sequences often come close to real statements.
 */
import { keywordList } from '../../grammar/tokens.js';

/** Operators and punctuation, as written. */
const PUNCTUATION = ['<', '>', '>>', '(', ')', ',', '=', '..', '+', '-', '*', '/', '%', '&', '|', '^', '~', ';', '\n', '#'];

/** Literals: integers, durations, strings and pins, including malformed and out-of-range ones. */
const LITERALS = [
  '0', '1', '7', '11', '42', '0x2A', '0b101', '1_000', '53', '58', '255', '-1', '4294967296', '9007199254740993',
  '1e9', '0x', '0b102', '5sec', '1.5', '250ms', '1.5ms', '20us', '20µs', '104167ns', '1s', '2min', '0ms', '0.0001ns',
  '99999999999999999999999min', '"x"', '"a\\"b"', '"\\q"', '"unterminated', '""',
  '"lib/leds.gpio"', '"main.gpio"', '"missing.gpio"',
  'GPIO17', 'GPIO999', 'BOARD11', 'BOARD1', 'BOARD41', 'J8:11', 'J8:', '7..11', '11..7',
];

/** Names the example scripts define and use, plus the built-in `bit`. */
const NAMES = ['bar', 'led', 'on', 'count', 'chase', 'p', 't', 'x', 'i', 'tx', 'byte', 'b', 'bit', 'bcm2835', 'bcm2711', 'nope'];

/** Every word a token-soup input is drawn from. */
export const VOCABULARY: readonly string[] = [...keywordList, ...PUNCTUATION, ...LITERALS, ...NAMES];

/** What goes between two words of a token soup: usually a space, sometimes nothing or a line break. */
export const GLUE: readonly string[] = [' ', ' ', ' ', '', '\n', '; ', '\t', '\r\n', '\r'];
