/**
 * Scratch directories for the benchmarks: on /dev/shm when the machine has it (a
 * register window there is RAM, like the page a real GPIO block is mapped through),
 * otherwise in the temporary directory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory and how to remove it. */
export interface Scratch {
  readonly path: string;
  /** Whether it is on /dev/shm (a RAM file system). */
  readonly inShm: boolean;
  dispose(): void;
}

/** Makes a fresh directory named after `bench`. */
export function benchDirectory(bench: string): Scratch {
  const inShm = existsSync('/dev/shm');
  const path = mkdtempSync(join(inShm ? '/dev/shm' : tmpdir(), `pinseq-bench-${bench}-`));
  return { path, inShm, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
