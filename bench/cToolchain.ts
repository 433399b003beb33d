/**
 * Builds the benchmarks' C references (bench/c/) with the machine's `cc` at bench time,
 * into a temporary directory, so a fresh clone needs no build step and no committed
 * binaries. When there is no compiler, the rows that need it say so instead of failing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built C pieces, or why they are missing. */
export interface CBuild {
  /** The `stores FILE N` executable (bench/c/stores.c), when it built. */
  readonly stores?: string | undefined;
  /** The shared library exporting `store32` (bench/c/store32.c), when it built. */
  readonly store32Library?: string | undefined;
  /** Why something did not build (no cc, a compile error), for the row's note. */
  readonly problem?: string | undefined;
  /** Deletes the temporary directory. */
  dispose(): void;
}

/** bench/c/ in the source tree, found from the compiled module's location (dist/bench/). */
export function cSourceDir(): string {
  return fileURLToPath(new URL('../../bench/c/', import.meta.url));
}

/** Compiles bench/c/stores.c and bench/c/store32.c with `cc -O2`. Never throws. */
export function buildC(): CBuild {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-bench-c-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  const src = cSourceDir();
  if (!existsSync(join(src, 'stores.c'))) return { problem: `no C sources at ${src}`, dispose };
  const stores = join(dir, 'stores');
  const lib = join(dir, 'libstore32.so');
  const exe = compile(['-O2', '-o', stores, join(src, 'stores.c')]);
  const shared = compile(['-O2', '-shared', '-fPIC', '-o', lib, join(src, 'store32.c')]);
  return {
    stores: exe === undefined ? stores : undefined,
    store32Library: shared === undefined ? lib : undefined,
    problem: exe ?? shared,
    dispose,
  };
}

/** Runs cc; undefined on success, else why it failed. */
function compile(args: readonly string[]): string | undefined {
  const result = spawnSync('cc', args, { encoding: 'utf8' });
  if (result.error) return `cc not available (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})`;
  if (result.status !== 0) return `cc failed: ${result.stderr.trim().split('\n')[0] ?? ''}`;
  return undefined;
}
