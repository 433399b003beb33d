/**
 * Prints the last results of every benchmark (bench/results/*.json) as one markdown
 * table, for bench/README.md and the project README.
 *
 * Reproduce: `npm run bench` first, then `node dist/bench/markdownTable.js`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './benchTable.js';

/** A results file as bench/benchTable.ts writes it. */
interface ResultsFile {
  readonly name: string;
  readonly date: string;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpu: string; readonly kernel: string };
  readonly rows: readonly BenchRow[];
}

/** The markdown table of the results files in `dir`, in the order of `names` (others after). */
export function markdownTable(dir = 'bench/results', names: readonly string[] = ['writes', 'waits', 'compile', 'reload', 'memory']): string {
  if (!existsSync(dir)) return `No results in ${dir}: run \`npm run bench\` first.\n`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ResultsFile);
  files.sort((a, b) => rank(a.name, names) - rank(b.name, names));
  const lines = ['| bench | measure | value | target | | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const file of files) {
    for (const row of file.rows) {
      const verdict = row.ok === undefined ? '' : row.ok ? 'met' : '**not met**';
      lines.push(`| ${file.name} | ${row.name} | ${format(row.value)} ${row.unit} | ${row.target ?? ''} | ${verdict} | ${(row.note ?? '').replaceAll('|', '\\|')} |`);
    }
  }
  const machine = files[0]?.machine;
  const footer = machine ? `\n${machine.cpus} × ${machine.cpu}, Linux ${machine.kernel}, Node ${machine.node}; ${files.map((f) => `${f.name} ${f.date}`).join(', ')}.\n` : '';
  return lines.join('\n') + '\n' + footer;
}

function rank(name: string, names: readonly string[]): number {
  const i = names.indexOf(name);
  return i < 0 ? names.length : i;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(markdownTable());
