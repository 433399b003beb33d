/**
 * Memory over a long run: resident set size sampled every 250 ms while a toggle loop
 * with 20 µs waits runs on its worker with the real clock, compared at 25% and 100% of
 * the run. RSS covers the whole process, the worker's heap included (Node 20 offers no
 * per-worker heap statistics to a host that does not own the Worker object); the host's
 * own heap is reported beside it.
 *
 * Two runs: a `file:` window (the hardware path: nothing is recorded, so memory must
 * stay flat) and the simulator (which records every edge by design, 12 bytes each in
 * doubling typed arrays: its growth is reported against that expectation).
 *
 * Reproduce: `npm run bench -- memory`. Prints a table and writes bench/results/memory.json.
 */
import { join } from 'node:path';
import { compileSource } from '../src/compile/compileScript.js';
import type { BackendSpec } from '../runtime/backends/backend.js';
import { startRun } from '../runtime/run/run.js';
import type { BenchRow } from './benchTable.js';
import { benchDirectory } from './scratch.js';

const SAMPLE_MS = 250;
const MB = 1024 * 1024;
/** "Flat": RSS at the end within this of RSS at a quarter of the run. */
const FLAT_TOLERANCE_BYTES = 4 * MB;

/** Runs the memory bench and returns its rows. */
export async function benchMemory(seconds = 20, simSeconds = 8): Promise<BenchRow[]> {
  const scratch = benchDirectory('memory');
  try {
    const file = await sampleRun({ kind: 'file', path: join(scratch.path, 'regs.bin') }, seconds);
    const sim = await sampleRun({ kind: 'sim' }, simSeconds);
    const growth = file.rssEnd - file.rssQuarter;
    const simGrowth = sim.rssEnd - sim.rssQuarter;
    return [
      { name: `file: window, ${seconds} s: peak RSS`, value: file.rssPeak / MB, unit: 'MB', note: `${(file.instants / 1e6).toFixed(2)} M instants; host heap ${(file.heapQuarter / MB).toFixed(1)} → ${(file.heapEnd / MB).toFixed(1)} MB` },
      { name: `file: window: RSS growth 25% → 100%`, value: growth / MB, unit: 'MB', target: `<= ${FLAT_TOLERANCE_BYTES / MB} MB`, ok: growth <= FLAT_TOLERANCE_BYTES, note: `${(file.rssQuarter / MB).toFixed(1)} → ${(file.rssEnd / MB).toFixed(1)} MB` },
      { name: `sim, ${simSeconds} s: peak RSS`, value: sim.rssPeak / MB, unit: 'MB', note: `${(sim.edges / 1e6).toFixed(2)} M edges recorded` },
      { name: `sim: RSS growth 25% → 100%`, value: simGrowth / MB, unit: 'MB', note: `${(sim.rssQuarter / MB).toFixed(1)} → ${(sim.rssEnd / MB).toFixed(1)} MB; the edge log is ${(sim.edges * 12 / MB).toFixed(1)} MB by design (12 B/edge, arrays double)` },
    ];
  } finally {
    scratch.dispose();
  }
}

interface MemoryRun {
  readonly rssQuarter: number;
  readonly rssEnd: number;
  readonly rssPeak: number;
  readonly heapQuarter: number;
  readonly heapEnd: number;
  readonly instants: number;
  readonly edges: number;
}

async function sampleRun(backend: BackendSpec, seconds: number): Promise<MemoryRun> {
  const compiled = compileSource('out 7\nforever < set 7; wait 20us; clear 7; wait 20us >\n', { file: 'memory.gpio' });
  if (!compiled.program) throw new Error(`memory program did not compile: ${compiled.diagnostics[0]?.message}`);
  const samples: { atMs: number; rss: number; heap: number }[] = [];
  const start = performance.now();
  const sample = (): void => {
    const usage = process.memoryUsage();
    samples.push({ atMs: performance.now() - start, rss: usage.rss, heap: usage.heapUsed });
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const result = await startRun(compiled.program, { backend, forNs: seconds * 1e9, stopOnSignals: false }).result;
  clearInterval(timer);
  if (result.status === 'failed') throw new Error(`memory run failed: ${result.error?.message}`);
  const at = (fraction: number) => samples.find((s) => s.atMs >= fraction * seconds * 1000) ?? samples[samples.length - 1]!;
  const last = samples[samples.length - 1]!;
  return {
    rssQuarter: at(0.25).rss,
    rssEnd: last.rss,
    rssPeak: Math.max(...samples.map((s) => s.rss)),
    heapQuarter: at(0.25).heap,
    heapEnd: last.heap,
    instants: result.instants,
    edges: result.edges?.length ?? 0,
  };
}
