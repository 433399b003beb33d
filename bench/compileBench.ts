/**
 * Compile benchmark: parse + check + compile of a generated 10,000-line script, and the
 * program size of `repeat 1000000 < … >` against its body (loops must stay loops).
 *
 * Reproduce: `npm run bench -- compile` (builds, then runs this with 30 timed rounds
 * after 5 warm-up rounds). Prints a table and writes bench/results/compile.json.
 */
import { compileSource } from '../src/compile/compileScript.js';
import type { BenchRow } from './benchTable.js';

/** A 10,000-line script in the style of real ones: aliases, defs, loops, comments. */
export function generateScript(lines: number): string {
  const out: string[] = ['# generated benchmark script', 'pins bar = 7..11', 'const on = 250us', 'def pulse(p, t) < set p; wait t; clear p >', 'out bar, 12..20'];
  let i = out.length;
  while (i < lines - 2) {
    const pin = 7 + (i % 14);
    out.push(`repeat ${1 + (i % 7)} <   # block ${i}`);
    out.push(`  set ${pin}; wait on`);
    out.push(`  pulse(${pin}, 20us)`);
    out.push(`  clear ${pin}`);
    out.push('  wait 1ms');
    out.push('>');
    i += 6;
  }
  while (out.length < lines) out.push('toggle 8');
  return out.join('\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the compile benchmark and returns its rows. */
export function benchCompile(rounds = 30): BenchRow[] {
  const text = generateScript(10_000);
  const times: number[] = [];
  for (let r = 0; r < rounds + 5; r++) {
    const start = process.hrtime.bigint();
    const result = compileSource(text, { file: 'bench.gpio' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!result.program) throw new Error(`benchmark script did not compile: ${result.diagnostics[0]?.message}`);
    if (r >= 5) times.push(ms);
  }
  const body = 'set 7; wait 1ms; clear 7; wait 1ms';
  const once = compileSource(`out 7\n${body}\n`, { file: 'once.gpio' }).program!;
  const looped = compileSource(`out 7\nrepeat 1000000 < ${body} >\n`, { file: 'loop.gpio' }).program!;
  return [
    { name: 'compile 10,000 lines (median)', value: median(times), unit: 'ms', target: '<= 100 ms', ok: median(times) <= 100 },
    { name: 'compile 10,000 lines (max)', value: Math.max(...times), unit: 'ms' },
    { name: 'program slots, body once', value: once.code.length, unit: 'slots' },
    { name: 'program slots, repeat 1000000 < body >', value: looped.code.length, unit: 'slots', target: 'O(body)', ok: looped.code.length < once.code.length + 16 },
  ];
}
