/**
 * `npm run bench [-- NAME…]`: runs the named benchmarks (all by default), printing a
 * table for each and writing bench/results/NAME.json. Each table ends with the machine's
 * load average over the bench: figures taken on a busy machine say so.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, writeResults, type BenchRow } from './benchTable.js';
import { benchCompile } from './compileBench.js';
import { benchMemory } from './memoryBench.js';
import { benchReload } from './reloadBench.js';
import { benchWaits } from './waitBench.js';
import { benchWrites } from './writeBench.js';

const benches: Record<string, { title: string; run: () => BenchRow[] | Promise<BenchRow[]> }> = {
  memory: { title: 'Memory over a long real-clock run', run: () => benchMemory() },
  writes: { title: 'Write throughput: instant-per-write toggle into a file: window', run: () => benchWrites() },
  waits: { title: 'Wait accuracy: lateness against an absolute schedule', run: () => benchWaits() },
  compile: { title: 'Compile: parse + check + compile', run: () => benchCompile() },
  reload: { title: 'Hot reload through the CLI: save → new program live', run: () => benchReload() },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (wanted.length === 0) {
  // Each bench in a fresh process, as a user meets it (`pinseq check` starts cold): the
  // heap and JIT state one bench leaves behind would otherwise skew the next.
  for (const name of Object.keys(benches)) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
for (const name of wanted) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const loadBefore = loadavg()[0]!;
  const rows = [...(await bench.run()), loadRow(loadBefore)];
  process.stdout.write(formatTable(bench.title, rows));
  process.stdout.write(`(reproduce: npm run bench -- ${name}; written to ${writeResults(name, rows)})\n\n`);
}

/** The 1-minute load average before and after a bench: ~1 is the bench alone (it keeps a core busy); 2 saturates the 2-core reference machine. */
function loadRow(before: number): BenchRow {
  const after = loadavg()[0]!;
  return { name: 'machine load (1-min average, before → after)', value: after, unit: '', note: `${before.toFixed(2)} → ${after.toFixed(2)}; ~1 is this bench alone` };
}
