/**
 * Runs the built `pinseq` executable as a child process, the way a person would.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built CLI entry point. */
export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Project root (where package.json and scripts/ are). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Result of one CLI invocation. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pinseq ARGS…` synchronously from the project root (or `options.cwd`). */
export function pinseq(args: readonly string[], options: SpawnSyncOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
