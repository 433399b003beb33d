/**
 * The long fuzz run (`npm run fuzz [-- COUNT [SEED]]`, default 100,000 inputs): every
 * input family of _inputs.ts in proportion, plus every example cut at every offset,
 * through {@link examineInput}. Prints a table per family (inputs, inputs/s, crashes,
 * other failures, slowest input) and the first failures in full, then a JSON line; exits
 * 1 when anything failed. Not an ava test: ava runs the quick pass in compile.test.ts.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { examineInput, type Verdict } from './_compileProperty.js';
import { EXAMPLES, FAMILIES, type FuzzInput, LIBRARY } from './_inputs.js';

/** Share of the run each family gets (cheap, varied families get more). */
const WEIGHTS: Readonly<Record<string, number>> = {
  'token soup': 4, 'mutated examples': 4, 'deep nesting': 1, 'long lines': 1, 'raw bytes': 2,
};
const BATCH = 500;
const SHOW_FAILURES = 5;

interface Tally {
  family: string;
  inputs: number;
  ms: number;
  crashes: number;
  failures: number;
  programs: number;
  slowestMs: number;
}

interface Failure {
  readonly family: string;
  readonly input: FuzzInput;
  readonly verdict: Verdict;
}

function tally(family: string, inputs: Iterable<FuzzInput>, failures: Failure[]): Tally {
  const t: Tally = { family, inputs: 0, ms: 0, crashes: 0, failures: 0, programs: 0, slowestMs: 0 };
  const started = performance.now();
  for (const input of inputs) {
    const verdict = examineInput(input);
    t.inputs++;
    t.slowestMs = Math.max(t.slowestMs, verdict.ms);
    if (verdict.produced === 'program') t.programs++;
    if (verdict.threw) t.crashes++;
    if (verdict.problems.length > 0) {
      t.failures++;
      failures.push({ family, input, verdict });
    }
  }
  t.ms = performance.now() - started;
  return t;
}

function* sampled(arbitrary: fc.Arbitrary<FuzzInput>, count: number, seed: number): Generator<FuzzInput> {
  for (let done = 0, batch = 0; done < count; done += BATCH, batch++) {
    yield* fc.sample(arbitrary, { numRuns: Math.min(BATCH, count - done), seed: seed + batch });
  }
}

function* truncations(): Generator<FuzzInput> {
  for (const text of Object.values(EXAMPLES)) {
    for (let end = 0; end <= text.length; end++) yield { main: text.slice(0, end), files: LIBRARY, chip: end % 2 ? 'bcm2835' : 'bcm2711' };
  }
}

function main(): void {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
  const failures: Failure[] = [];
  const tallies = [tally('truncated examples', truncations(), failures)];
  const totalWeight = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  for (const [family, arbitrary] of Object.entries(FAMILIES)) {
    tallies.push(tally(family, sampled(arbitrary, Math.round((count * WEIGHTS[family]!) / totalWeight), seed), failures));
  }
  const total: Tally = tallies.reduce((a, t) => ({
    family: 'total', inputs: a.inputs + t.inputs, ms: a.ms + t.ms, crashes: a.crashes + t.crashes,
    failures: a.failures + t.failures, programs: a.programs + t.programs, slowestMs: Math.max(a.slowestMs, t.slowestMs),
  }), { family: 'total', inputs: 0, ms: 0, crashes: 0, failures: 0, programs: 0, slowestMs: 0 });

  console.log(`pinseq fuzz: seed ${seed}`);
  const header = ['family', 'inputs', 'inputs/s', 'programs', 'crashes', 'failures', 'slowest ms'];
  const rows = [...tallies, total].map((t) => [t.family, String(t.inputs), (t.inputs / (t.ms / 1000)).toFixed(0),
    String(t.programs), String(t.crashes), String(t.failures), t.slowestMs.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const f of failures.slice(0, SHOW_FAILURES)) {
    console.log(`\n[${f.family}] ${JSON.stringify(f.input).slice(0, 600)}\n  ${f.verdict.problems.slice(0, 3).join('\n  ')}`);
  }
  console.log(JSON.stringify({ seed, inputs: total.inputs, inputsPerSecond: Math.round(total.inputs / (total.ms / 1000)), crashes: total.crashes, failures: total.failures, slowestMs: Math.round(total.slowestMs) }));
  process.exitCode = total.failures > 0 ? 1 : 0;
}

main();
