/**
 * The quick fuzz pass run with every `npm test` (a few thousand inputs, well under 20 s):
 * each input family of _inputs.ts through the property of _compileProperty.ts, with a
 * fixed seed so CI is repeatable (set PINSEQ_FUZZ_SEED to explore; `npm run fuzz` does
 * the long, randomly seeded run).
 */
import test from 'ava';
import fc from 'fast-check';
import { examineInput } from './_compileProperty.js';
import { deepNesting, EXAMPLES, type FuzzInput, LIBRARY, longLines, mutatedExample, rawBytes, tokenSoup } from './_inputs.js';

const SEED = Number(process.env.PINSEQ_FUZZ_SEED ?? 20_240_611);

/** Fails with the input's problems, so fast-check shrinks to the smallest failing input and prints it. */
function passes(input: FuzzInput): void {
  const { problems } = examineInput(input);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** Runs `numRuns` inputs; on a failure, throws the shrunk input (cut to a readable length) and its problems. */
function fuzz(family: fc.Arbitrary<FuzzInput>, numRuns: number): void {
  const details = fc.check(fc.property(family, passes), { numRuns, seed: SEED });
  if (!details.failed) return;
  const input = JSON.stringify(details.counterexample?.[0]);
  const problem = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`seed ${details.seed}, path ${details.counterexamplePath}: ${input.length > 1500 ? `${input.slice(0, 1500)}…` : input}\n${problem.slice(0, 3000)}`);
}

test('every example script cut at every offset compiles to located diagnostics or a valid program', (t) => {
  let cuts = 0;
  for (const [name, text] of Object.entries(EXAMPLES)) {
    for (let end = 0; end <= text.length; end++, cuts++) {
      const { problems } = examineInput({ main: text.slice(0, end), files: LIBRARY, chip: end % 2 ? 'bcm2835' : 'bcm2711' });
      if (problems.length > 0) return t.fail(`${name} cut at ${end}: ${problems.join('\n')}`);
    }
  }
  t.true(cuts > 3000, `only ${cuts} cuts: the examples are missing`);
});

test('token soup from the language vocabulary', (t) => {
  fuzz(tokenSoup, 1000);
  t.pass();
});

test('example scripts with tokens deleted, duplicated, swapped, inserted, made huge or cut off', (t) => {
  fuzz(mutatedExample, 1000);
  t.pass();
});

test('raw bytes and examples with NULs and invalid UTF-8, decoded as UTF-8 and Latin-1', (t) => {
  fuzz(rawBytes, 600);
  t.pass();
});

test('blocks, parentheses, operators and def calls nested up to 400 deep', (t) => {
  fuzz(deepNesting, 80);
  t.pass();
});

test('lines of up to 20,000 items', (t) => {
  fuzz(longLines, 30);
  t.pass();
});
