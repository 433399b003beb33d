import test from 'ava';
import { decodeDecimal, decodeDuration, decodeInteger, decodePinName, decodeString } from '../../src/language/literals.js';
import { parseScript } from '../../src/language/parse.js';
import { FILE, where } from './_parseHelpers.js';

const value = <T>(d: { ok: true; value: T } | { ok: false }): T | undefined => (d.ok ? d.value : undefined);

test('integers: decimal, hex, binary, separators, up to 2^53 - 1', (t) => {
  t.is(value(decodeInteger('42')), 42);
  t.is(value(decodeInteger('0x2A')), 42);
  t.is(value(decodeInteger('0X2a')), 42);
  t.is(value(decodeInteger('0b101010')), 42);
  t.is(value(decodeInteger('1_000')), 1000);
  t.is(value(decodeInteger('0xFF_FF')), 0xffff);
  t.is(value(decodeInteger('9007199254740991')), Number.MAX_SAFE_INTEGER);
  t.false(decodeInteger('9007199254740992').ok);
  t.false(decodeInteger('0x20000000000000').ok);
  for (const bad of ['1__0', '1_', '0x', '0b2', '0xG', '5sec', '12abc']) t.false(decodeInteger(bad).ok, bad);
});

test('decimals', (t) => {
  t.is(value(decodeDecimal('1.5')), 1.5);
  t.is(value(decodeDecimal('0.000_1')), 0.0001);
  t.false(decodeDecimal('1.5x').ok);
});

test('durations are exact whole nanoseconds', (t) => {
  t.deepEqual(value(decodeDuration('250ms')), { ns: 250_000_000, unit: 'ms' });
  t.deepEqual(value(decodeDuration('1.1ms')), { ns: 1_100_000, unit: 'ms' });
  t.deepEqual(value(decodeDuration('20µs')), { ns: 20_000, unit: 'us' });
  t.deepEqual(value(decodeDuration('20μs')), { ns: 20_000, unit: 'us' }, 'Greek mu too');
  t.deepEqual(value(decodeDuration('104167ns')), { ns: 104_167, unit: 'ns' });
  t.deepEqual(value(decodeDuration('1.5min')), { ns: 90_000_000_000, unit: 'min' });
  t.deepEqual(value(decodeDuration('1_000_000s')), { ns: 1e15, unit: 's' });
  t.false(decodeDuration('1.5ns').ok, 'half a nanosecond');
  t.false(decodeDuration('200days').ok);
  t.false(decodeDuration('9999999999s').ok, 'beyond 2^53 ns');
  t.false(decodeDuration('999999min').ok, 'beyond 2^53 ns, short to write');
  t.deepEqual(value(decodeDuration('150000min')), { ns: 9_000_000_000_000_000, unit: 'min' });
});

test('pin names', (t) => {
  t.deepEqual(value(decodePinName('GPIO17')), { scheme: 'gpio', number: 17 });
  t.deepEqual(value(decodePinName('BOARD11')), { scheme: 'header', number: 11 });
  t.deepEqual(value(decodePinName('J8:11')), { scheme: 'header', number: 11 });
});

test('strings and their escapes', (t) => {
  t.is(value(decodeString('"a\\nb\\tc\\\\d\\"e\\r\\0"')), 'a\nb\tc\\d"e\r\0');
  t.is(value(decodeString('"\\x41\\u{B5}\\u{1F600}"')), 'Aµ😀');
  t.is(value(decodeString('""')), '');
  t.false(decodeString('"open').ok);
  t.false(decodeString('"escaped quote\\"').ok);
  t.false(decodeString('"\\q"').ok);
  t.false(decodeString('"\\x4"').ok);
  t.false(decodeString('"\\u{110000}"').ok);
});

/** Diagnostics of `text` as `where CODE message`. */
function report(text: string): string[] {
  return parseScript(text, FILE).diagnostics.map((d) => `${where(d.span)} ${d.code} ${d.message}`);
}

test('E_NUMBER at the malformed literal, one per literal', (t) => {
  t.deepEqual(report('out 7\nset 0b102, 5sec\nwait 1.5ns'), [
    '2:5-2:10 E_NUMBER "0b102" is not a valid binary number.',
    '2:12-2:16 E_NUMBER Unknown unit "sec" in "5sec".',
    '3:6-3:11 E_NUMBER "1.5ns" is not a whole number of nanoseconds.',
  ]);
  t.deepEqual(report('const big = 99999999999999999999'), [
    '1:13-1:33 E_NUMBER The number "99999999999999999999" is too large; the largest is 9007199254740991 (2^53 - 1).',
  ]);
  t.deepEqual(report('pin p = GPIO99999999999999999999'), [
    '1:9-1:33 E_NUMBER The number "GPIO99999999999999999999" is too large; the largest is 9007199254740991 (2^53 - 1).',
  ]);
});

test('E_NUMBER carries a hint', (t) => {
  const [d] = parseScript('wait 5sec', FILE).diagnostics;
  t.is(d?.hint, 'Durations are written with ns, us (or µs), ms, s or min against the number, as in 250ms.');
});

test('E_STRING at the string start when unterminated, at the escape when unknown', (t) => {
  t.deepEqual(report('log "ok"\nlog "no end\nmark "bad \\q escape"'), [
    '2:5-2:6 E_STRING This string is not closed.',
    '3:11-3:13 E_STRING Unknown escape "\\q" in a string.',
  ]);
  t.deepEqual(report('log "\\x4"'), ['1:6-1:8 E_STRING "\\x" must be followed by two hex digits, as in \\x41.']);
});

test('a statement with a bad literal is left out of the AST', (t) => {
  const { script } = parseScript('set 0b2\nset 7\nlog "x\\q"', FILE);
  t.deepEqual(script.statements.map((s) => s.kind), ['Drive']);
});
