/**
 * Decoding of literal tokens into values: integers, decimals, durations, pin names and
 * strings. The lexer's number and string tokens are deliberately permissive (`5sec`,
 * `0b102` and an unterminated string are single tokens), so this is where a malformed
 * literal is recognised and explained. Pure functions over token text: no spans here.
 */
import type { DurationUnit } from './ast.js';

/** A decoded value, or why the text is not one. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly message: string;
      readonly hint?: string | undefined;
      /** Where in the token the problem is (UTF-16 offset and length); the whole token when absent. */
      readonly at?: { readonly offset: number; readonly length: number } | undefined;
    };

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = (message: string, hint?: string, at?: { offset: number; length: number }): Decoded<never> => ({ ok: false, message, hint, at });

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const UNIT_HINT = 'Durations are written with ns, us (or µs), ms, s or min against the number, as in 250ms.';

/** Nanoseconds per unit, by the unit as written. */
const nanosecondsPer: Readonly<Record<string, { unit: DurationUnit; ns: bigint }>> = {
  ns: { unit: 'ns', ns: 1n },
  us: { unit: 'us', ns: 1_000n },
  'µs': { unit: 'us', ns: 1_000n },
  'μs': { unit: 'us', ns: 1_000n },
  ms: { unit: 'ms', ns: 1_000_000n },
  s: { unit: 's', ns: 1_000_000_000n },
  min: { unit: 'min', ns: 60_000_000_000n },
};

// Digit groups separated by single underscores: `1_000`, never `1__0`, `_1` or `1_`.
const DECIMAL = /^\d+(?:_\d+)*$/;
const HEX = /^0[xX][0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*$/;
const BINARY = /^0[bB][01]+(?:_[01]+)*$/;

/** Explains why `text` (an Integer or Decimal token) is not a number. */
function malformed(text: string): Decoded<never> {
  if (/^0[xX]/.test(text)) {
    return fail(`"${text}" is not a valid hexadecimal number.`, 'Hexadecimal digits are 0-9 and A-F, as in 0x2A.');
  }
  if (/^0[bB]/.test(text)) return fail(`"${text}" is not a valid binary number.`, 'Binary digits are 0 and 1, as in 0b101010.');
  const suffix = /^[\d_.]+([A-Za-zµμ]\w*)$/.exec(text);
  if (suffix) return fail(`Unknown unit "${suffix[1]}" in "${text}".`, UNIT_HINT);
  if (text.includes('_')) return fail(`Misplaced "_" in "${text}".`, 'An underscore may only separate digits, as in 1_000.');
  return fail(`"${text}" is not a valid number.`);
}

/** Converts exactly-checked digit text to a safe integer, or explains that it is too large. */
function safeInteger(value: bigint, text: string): Decoded<number> {
  if (value > MAX) return fail(`The number "${text}" is too large; the largest is 9007199254740991 (2^53 - 1).`);
  return ok(Number(value));
}

// Up to 15 decimal digits is always below 2^53: no BigInt needed (the common case, and much faster).
const SHORT_DECIMAL = /^\d{1,15}$/;

/** Decodes an Integer token: `42`, `0x2A`, `0b101010`, `1_000`. */
export function decodeInteger(text: string): Decoded<number> {
  if (SHORT_DECIMAL.test(text)) return ok(Number(text));
  const digits = text.replaceAll('_', '');
  if (DECIMAL.test(text)) return safeInteger(BigInt(digits), text);
  if (HEX.test(text) || BINARY.test(text)) return safeInteger(BigInt(digits), text);
  return malformed(text);
}

/** Decodes a Decimal token without a unit: `1.5`. */
export function decodeDecimal(text: string): Decoded<number> {
  const [whole = '', fraction = ''] = text.split('.', 2);
  if (!DECIMAL.test(whole) || !DECIMAL.test(fraction)) return malformed(text);
  const value = Number(text.replaceAll('_', ''));
  if (value > Number.MAX_SAFE_INTEGER) return fail(`The number "${text}" is too large; the largest is 9007199254740991 (2^53 - 1).`);
  return ok(value);
}

/**
 * Decodes a Duration token to whole nanoseconds: `250ms`, `1.5ms`, `20µs`. The
 * arithmetic is exact (`1.1ms` is 1100000 ns, not 1100000.0000000002).
 */
export function decodeDuration(text: string): Decoded<{ ns: number; unit: DurationUnit }> {
  const match = /^([\d_]+)(?:\.([\d_]+))?(ns|us|µs|μs|ms|min|s)$/.exec(text);
  const per = match ? nanosecondsPer[match[3]!] : undefined;
  if (!match || !per) return malformed(text);
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction === '' && SHORT_DECIMAL.test(whole)) {
    // A product of two integers that comes out at most 2^53 is exact in a double; only
    // fractions and huge values need the BigInt path below.
    const ns = Number(whole) * Number(per.ns);
    if (Number.isSafeInteger(ns)) return ok({ ns, unit: per.unit });
  }
  if (!DECIMAL.test(whole) || (fraction !== '' && !DECIMAL.test(fraction))) return malformed(text);
  const fractionDigits = fraction.replaceAll('_', '');
  const scale = 10n ** BigInt(fractionDigits.length);
  const numerator = (BigInt(whole.replaceAll('_', '')) * scale + BigInt(fractionDigits || '0')) * per.ns;
  if (numerator % scale !== 0n) {
    return fail(`"${text}" is not a whole number of nanoseconds.`, 'Durations are counted in whole nanoseconds.');
  }
  const ns = numerator / scale;
  if (ns > MAX) return fail(`The duration "${text}" is too long; the longest is 9007199254740991ns (about 104 days).`);
  return ok({ ns: Number(ns), unit: per.unit });
}

/** Decodes a PinName token: `GPIO17` → gpio 17, `BOARD11` and `J8:11` → header 11. */
export function decodePinName(text: string): Decoded<{ scheme: 'gpio' | 'header'; number: number }> {
  const match = /^(GPIO|BOARD|J8:)(\d+)$/.exec(text);
  if (!match) return fail(`"${text}" is not a pin name.`);
  const number = safeInteger(BigInt(match[2]!), text);
  if (!number.ok) return number;
  return ok({ scheme: match[1] === 'GPIO' ? 'gpio' : 'header', number: number.value });
}

const simpleEscapes: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"' };
const ESCAPE_HINT = 'The escapes are \\n, \\t, \\r, \\0, \\\\, \\", \\xHH and \\u{HHHH}.';

/**
 * Decodes a StringLiteral token (quotes included) with its escapes: `\n \t \r \0 \\ \"`,
 * `\xHH` and `\u{H…}` (1 to 6 hex digits, at most 10FFFF).
 */
export function decodeString(text: string): Decoded<string> {
  if (text.length < 2 || !text.endsWith('"') || isEscapedQuote(text)) {
    return fail('This string is not closed.', 'End it with " on the same line.', { offset: 0, length: 1 });
  }
  let value = '';
  const end = text.length - 1;
  for (let i = 1; i < end; i++) {
    const char = text[i]!;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = text[i + 1] ?? '';
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      value += simple;
      i++;
      continue;
    }
    const hex = next === 'x' ? /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 2, end)) : null;
    if (hex) {
      value += String.fromCharCode(parseInt(hex[0], 16));
      i += 3;
      continue;
    }
    const unicode = next === 'u' ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(text.slice(i + 2, end)) : null;
    if (unicode && parseInt(unicode[1]!, 16) <= 0x10ffff) {
      value += String.fromCodePoint(parseInt(unicode[1]!, 16));
      i += 1 + unicode[0].length;
      continue;
    }
    if (next === 'x') return fail('"\\x" must be followed by two hex digits, as in \\x41.', undefined, { offset: i, length: 2 });
    if (next === 'u') {
      return fail('"\\u" must be followed by 1 to 6 hex digits in braces, at most 10FFFF, as in \\u{B5}.', undefined, { offset: i, length: 2 });
    }
    const shown = next === '' ? '\\' : `\\${next}`;
    return fail(`Unknown escape "${shown}" in a string.`, ESCAPE_HINT, { offset: i, length: shown.length });
  }
  return ok(value);
}

/** True when the final `"` of `text` is itself escaped (`"abc\"`), so the string is still open. */
function isEscapedQuote(text: string): boolean {
  let backslashes = 0;
  for (let i = text.length - 2; i >= 1 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}
