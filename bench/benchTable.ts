/**
 * Printing benchmark results: an aligned table on stdout and a JSON file under
 * bench/results/, so a README table and a machine check read the same numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, release } from 'node:os';

/** One measured figure. `ok` is whether it meets `target`, when there is one. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string | undefined;
  readonly ok?: boolean | undefined;
  readonly note?: string | undefined;
}

/** Formats rows as an aligned text table. */
export function formatTable(title: string, rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.name, `${round(r.value)} ${r.unit}`, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'met' : 'NOT met', r.note ?? '']);
  const header = ['measure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`## ${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

/** Writes rows with machine facts to `bench/results/NAME.json` and returns the path. */
export function writeResults(name: string, rows: readonly BenchRow[], dir = 'bench/results'): string {
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.json`;
  const machine = { node: process.version, arch: arch(), cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', kernel: release() };
  writeFileSync(path, JSON.stringify({ name, date: new Date().toISOString(), machine, rows }, null, 2) + '\n');
  return path;
}

function round(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
