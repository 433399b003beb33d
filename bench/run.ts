/**
 * `npm run bench [-- NAME…]`: runs the named benchmarks (all by default), printing a
 * table for each and writing bench/results/NAME.json.
 */
import { formatTable, writeResults, type BenchRow } from './benchTable.js';
import { benchCompile } from './compileBench.js';
import { benchMemory } from './memoryBench.js';
import { benchReload } from './reloadBench.js';
import { benchWaits } from './waitBench.js';
import { benchWrites } from './writeBench.js';

const benches: Record<string, { title: string; run: () => BenchRow[] | Promise<BenchRow[]> }> = {
  writes: { title: 'Write throughput: instant-per-write toggle into a file: window', run: () => benchWrites() },
  waits: { title: 'Wait accuracy: lateness against an absolute schedule', run: () => benchWaits() },
  compile: { title: 'Compile: parse + check + compile', run: () => benchCompile() },
  reload: { title: 'Hot reload through the CLI: save → new program live', run: () => benchReload() },
  memory: { title: 'Memory over a long real-clock run', run: () => benchMemory() },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const rows = await bench.run();
  process.stdout.write(formatTable(bench.title, rows));
  process.stdout.write(`(written to ${writeResults(name, rows)})\n\n`);
}
