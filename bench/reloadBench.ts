/**
 * Hot reload: the time from saving a script to its new program being live, through the
 * real CLI (`pinseq run SCRIPT --watch --backend sim -q`). The script's loop prints
 * `mark "vN"` every 5 ms; each save writes the next N, and the latency runs from just
 * before the write to the first stdout line (`+S.UUUUUU vN`) carrying the new mark. It
 * includes the watcher's 40 ms stability window, the compile, the hand-over at the
 * loop's iteration boundary (≤ 5 ms here) and the host's event drain (5 ms).
 *
 * Reproduce: `npm run bench -- reload`. Prints a table and writes bench/results/reload.json.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './benchTable.js';
import { benchDirectory } from './scratch.js';
import { median, percentile } from './stats.js';

const SAVES = 32;
/** Give up on one save after this long (counted as failed). */
const SAVE_TIMEOUT_MS = 3000;
/** Pause between saves, so the watcher sees separate saves, not one burst. */
const PAUSE_MS = 60;

/** Runs the reload bench and returns its rows. */
export async function benchReload(): Promise<BenchRow[]> {
  const scratch = benchDirectory('reload');
  const script = join(scratch.path, 'reload.gpio');
  const source = (n: number): string => `forever < mark "v${n}"; wait 5ms >\n`;
  writeFileSync(script, source(1));
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'run', script, '--watch', '--backend', 'sim', '-q']);
  const lines = new LineWaiter(child);
  try {
    if ((await lines.waitFor((l) => l.endsWith(' v1'), 10_000)) === undefined) throw new Error(`the CLI never printed v1: ${lines.stderr.trim()}`);
    const latencies: number[] = [];
    let failed = 0;
    for (let n = 2; n < SAVES + 2; n++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const start = performance.now();
      writeFileSync(script, source(n));
      const seen = await lines.waitFor((l) => l.endsWith(` v${n}`), SAVE_TIMEOUT_MS);
      if (seen === undefined) failed++;
      else latencies.push(seen - start);
    }
    const compileMs = [...lines.stderr.matchAll(/reloaded .* \((\d+(?:\.\d+)?) ms\)/g)].map((m) => Number(m[1]));
    const p50 = median(latencies);
    return [
      { name: 'save → new program live (p50)', value: p50, unit: 'ms', target: '<= 100 ms', ok: p50 <= 100 && failed === 0, note: `${latencies.length} saves, ${failed} failed; includes the 40 ms stability window` },
      { name: 'save → new program live (p95)', value: percentile(latencies, 0.95), unit: 'ms' },
      { name: 'save → new program live (max)', value: percentile(latencies, 1), unit: 'ms' },
      { name: 'reload as the CLI reports it (p50)', value: median(compileMs), unit: 'ms', note: `"reloaded FILE (N ms)" on stderr, ${compileMs.length} lines` },
    ];
  } finally {
    await lines.close();
    scratch.dispose();
  }
}

/** Splits a child's stdout into lines and lets the bench wait for one, time-stamped on arrival. */
class LineWaiter {
  stderr = '';
  private pending = '';
  private readonly arrived: { text: string; at: number }[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const at = performance.now();
      const parts = (this.pending + chunk).split('\n');
      this.pending = parts.pop()!;
      for (const text of parts) this.arrived.push({ text, at });
      this.wake?.();
    });
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** Resolves with the arrival time of the first new line matching `match`, or undefined after `timeoutMs`. */
  async waitFor(match: (line: string) => boolean, timeoutMs: number): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.arrived.length > 0) {
        const line = this.arrived.shift()!;
        if (match(line.text)) return line.at;
      }
      const left = deadline - performance.now();
      if (left <= 0 || this.child.exitCode !== null) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Stops the CLI (SIGINT, as Ctrl-C) and waits for it to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGINT');
    await exited;
  }
}
