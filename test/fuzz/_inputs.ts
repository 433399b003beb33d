/**
 * fast-check arbitraries for fuzzing the front end: token soup from the language's
 * vocabulary, mutated example scripts (tokens deleted, duplicated, swapped, replaced by
 * huge numbers, truncated), deep nesting, long lines, and raw bytes (NUL, invalid UTF-8)
 * decoded as UTF-8 or Latin-1. Each input is a main file plus the files it may import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { GLUE, VOCABULARY } from './_vocabulary.js';

/** One fuzz case: the main script's text, the other files beside it, and the chip to compile for. */
export interface FuzzInput {
  readonly main: string;
  /** Other files by path relative to the main file's folder (`lib/leds.gpio`). */
  readonly files: Readonly<Record<string, string>>;
  readonly chip: 'bcm2835' | 'bcm2711';
}

const SCRIPTS = fileURLToPath(new URL('../../../scripts/', import.meta.url));

/** The example scripts of scripts/, by name (`bar.gpio`), and the library they import. */
export const EXAMPLES: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(SCRIPTS).filter((name) => name.endsWith('.gpio')).map((name) => [name, readFileSync(SCRIPTS + name, 'utf8')]),
);
/** The files the examples import, which every fuzz input may import too. */
export const LIBRARY: Readonly<Record<string, string>> = { 'lib/leds.gpio': readFileSync(`${SCRIPTS}lib/leds.gpio`, 'utf8') };

/** Numbers too big for anything: beyond 32 bits, beyond doubles, and many digits long. */
const HUGE = ['4294967296', '18446744073709551616', '9'.repeat(400), `0x${'F'.repeat(120)}`, `0b${'1'.repeat(200)}`,
  '1e400', `${'9'.repeat(40)}min`, '1_000_000_000_000_000_000ns', '9007199254740993', '0.000000000000000001ns'];

/**
 * Splits text into pieces a mutation can move around: whitespace runs, strings, words,
 * numbers with their units, `..`, and single characters.
 */
function pieces(text: string): string[] {
  return text.match(/\s+|"(?:[^"\\\n]|\\.)*"?|[A-Za-z_]\w*|\d[\w.µμ]*|\.\.|#[^\n]*|[^]/gu) ?? [];
}

type Mutation =
  | { readonly kind: 'delete' | 'duplicate' | 'huge'; readonly at: number; readonly pick: number }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'insert'; readonly at: number; readonly word: string }
  | { readonly kind: 'truncate'; readonly at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'huge' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), word: fc.constantFrom(...VOCABULARY) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies one mutation to a list of pieces (positions wrap around the list's length). */
function mutate(list: string[], m: Mutation): string[] {
  if (list.length === 0) return m.kind === 'insert' ? [m.word] : list;
  const i = m.at % list.length;
  const out = [...list];
  switch (m.kind) {
    case 'delete':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, list[i]!);
      break;
    case 'huge':
      // Replace the nearest number at or after i; when there is none, insert one.
      for (let k = 0; k < list.length; k++) {
        const j = (i + k) % list.length;
        if (/^\d/.test(list[j]!)) {
          out[j] = HUGE[m.pick % HUGE.length]!;
          return out;
        }
      }
      out.splice(i, 0, ` ${HUGE[m.pick % HUGE.length]!} `);
      break;
    case 'swap': {
      const j = m.other % list.length;
      out[i] = list[j]!;
      out[j] = list[i]!;
      break;
    }
    case 'insert':
      out.splice(i, 0, m.word, ' ');
      break;
    case 'truncate':
      return out.slice(0, i);
  }
  return out;
}

const chip = fc.constantFrom('bcm2835' as const, 'bcm2711' as const);

/** Random sequences of the language's words and glue. */
export const tokenSoup: fc.Arbitrary<FuzzInput> = fc.record({
  main: fc.array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...GLUE)), { maxLength: 60 })
    .map((words) => words.map(([word, glue]) => word + glue).join('')),
  files: fc.constant(LIBRARY),
  chip,
});

/** An example script with one to six mutations; sometimes the imported library is mutated instead. */
export const mutatedExample: fc.Arbitrary<FuzzInput> = fc.record({
  name: fc.constantFrom(...Object.keys(EXAMPLES)),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  inLibrary: fc.boolean(),
  chip,
}).map(({ name, mutations, inLibrary, chip }) => {
  const target = inLibrary ? LIBRARY['lib/leds.gpio']! : EXAMPLES[name]!;
  const mutated = mutations.reduce(mutate, pieces(target)).join('');
  return inLibrary ? { main: EXAMPLES['flash-import.gpio']!, files: { 'lib/leds.gpio': mutated }, chip } : { main: mutated, files: LIBRARY, chip };
});

/** Ways to nest deeply, each given a depth. */
const NESTERS: readonly ((n: number) => string)[] = [
  (n) => `out 7\n${'repeat 2 <'.repeat(n)}toggle 7${'>'.repeat(n)}\n`,
  (n) => `out 7\n${'repeat 2 < '.repeat(n)}`,
  (n) => `const c = ${'('.repeat(n)}1${')'.repeat(n)}\n`,
  (n) => `const c = ${'('.repeat(n)}1\n`,
  (n) => `wait ${'-'.repeat(n)}1ms\n`,
  (n) => `wait ${'~'.repeat(n)}1\n`,
  (n) => `const c = ${'1 + '.repeat(n)}1\nwait c * 1ms\n`,
  (n) => `const c = ${'bit('.repeat(n)}1${', 0)'.repeat(n)}\n`,
  (n) => `out 7\n${Array.from({ length: n }, (_, i) => `def f${i + 1}() < f${i}(); f${i}() >`).join('\n')}\ndef f0() < toggle 7 >\nf${n}()\n`,
  (n) => `out 7\n${'for i in 0..3 < '.repeat(n)}toggle 7${' >'.repeat(n)}\n`,
  (n) => `out 7\non exit < ${'repeat 1 < '.repeat(n)}clear 7${' >'.repeat(n)} >\n`,
  (n) => '>'.repeat(n),
  (n) => `<${'<>'.repeat(n)}`,
];

/** Deep nesting of blocks, parentheses, operators and def calls, up to 400 levels. */
export const deepNesting: fc.Arbitrary<FuzzInput> = fc.record({
  nest: fc.nat(NESTERS.length - 1),
  depth: fc.integer({ min: 1, max: 400 }),
  chip,
}).map(({ nest, depth, chip }) => ({ main: NESTERS[nest]!(depth), files: LIBRARY, chip }));

/** Ways to make one long line, each given a length. */
const LINERS: readonly ((n: number) => string)[] = [
  (n) => `out ${'7, '.repeat(n)}7\n`,
  (n) => `log "${'a'.repeat(n)}"\n`,
  (n) => `const ${'x'.repeat(n)} = 1\n`,
  (n) => `${'set 7; '.repeat(n)}\n`,
  (n) => `out 7..11\nwrite 7..11 = ${'1 | '.repeat(n)}1\n`,
  (n) => `allow ${Array.from({ length: n }, (_, i) => i % 64).join(', ')}\n`,
  (n) => `${'#'.repeat(n)}\nout 7`,
  (n) => ' '.repeat(n),
  // Many lines, each a syntax error (up to 4,000: each costs the parser far more than a good line).
  (n) => '5\n'.repeat(Math.ceil(n / 5)),
  (n) => `${') "\n'.repeat(Math.ceil(n / 5))}out 7\n`,
];

/** Lines of up to 20,000 repetitions (pin lists, strings, names, statements), and files of up to 4,000 broken lines. */
export const longLines: fc.Arbitrary<FuzzInput> = fc.record({
  line: fc.nat(LINERS.length - 1),
  length: fc.integer({ min: 1, max: 20_000 }),
  chip,
}).map(({ line, length, chip }) => ({ main: LINERS[line]!(length), files: LIBRARY, chip }));

/** Bytes that are often not UTF-8: NULs, lone continuation bytes, overlongs, 0xFF. */
const NASTY_BYTES = [0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xff, 0x0d, 0x0a, 0x22, 0x3c, 0x3e];

/** Raw bytes, random or an example with bytes overwritten or inserted, decoded as UTF-8 or Latin-1. */
export const rawBytes: fc.Arbitrary<FuzzInput> = fc.record({
  base: fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.record({
      name: fc.constantFrom(...Object.keys(EXAMPLES)),
      edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NASTY_BYTES), fc.boolean()), { minLength: 1, maxLength: 8 }),
    }).map(({ name, edits }) => {
      const bytes = [...Buffer.from(EXAMPLES[name]!, 'utf8')];
      for (const [at, byte, insert] of edits) bytes.splice(at % (bytes.length + 1), insert ? 0 : 1, byte);
      return Buffer.from(bytes);
    }),
  ),
  encoding: fc.constantFrom('utf8' as const, 'latin1' as const),
  chip,
}).map(({ base, encoding, chip }) => ({ main: base.toString(encoding), files: LIBRARY, chip }));

/** The input families, by name, for the runner's table. */
export const FAMILIES: Readonly<Record<string, fc.Arbitrary<FuzzInput>>> = {
  'token soup': tokenSoup,
  'mutated examples': mutatedExample,
  'deep nesting': deepNesting,
  'long lines': longLines,
  'raw bytes': rawBytes,
};

/** Every family mixed, mostly soup and mutations (the cheap, varied ones). */
export const anyInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { arbitrary: tokenSoup, weight: 4 },
  { arbitrary: mutatedExample, weight: 4 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: longLines, weight: 1 },
  { arbitrary: rawBytes, weight: 2 },
);
