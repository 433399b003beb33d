/**
 * Permission failures on each backend exit 3 with the fix (issue 6), through the built
 * CLI. Each backend is pointed at a file this user may not open: a 0444 window file for
 * `file`, 0600 files standing in for /dev/gpiomem, /dev/mem and /dev/gpiochipN, and a
 * sysfs root whose `export` is 0600. Root may open anything, so as root the CLI runs as
 * `nobody` through setpriv (skipped when setpriv is missing).
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../_helpers/cli.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const setpriv = spawnSync('setpriv', ['--version']).status === 0;
const runnable = !isRoot || setpriv;

/** Runs `pinseq run scripts/oneliner.gpio --backend BACKEND`, as nobody when we are root. */
function runAsUnprivileged(backend: string): { code: number | null; stderr: string } {
  const args = [CLI, 'run', 'scripts/oneliner.gpio', '--chip', 'bcm2711', '--backend', backend];
  const [command, argv] = isRoot
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, ...args]]
    : [process.execPath, args];
  const r = spawnSync(command, argv as string[], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stderr: String(r.stderr) };
}

/** A folder everyone may enter, holding files only their owner (root, or us) may open. */
function lockedFiles(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-perm-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'window.bin'), Buffer.alloc(4096));
  chmodSync(join(dir, 'window.bin'), isRoot ? 0o444 : 0o000);
  writeFileSync(join(dir, 'device'), Buffer.alloc(4096));
  chmodSync(join(dir, 'device'), isRoot ? 0o600 : 0o000);
  mkdirSync(join(dir, 'sysfs'), { mode: 0o755 });
  writeFileSync(join(dir, 'sysfs', 'export'), '');
  chmodSync(join(dir, 'sysfs', 'export'), isRoot ? 0o600 : 0o000);
  return dir;
}

const CASES: readonly [string, (dir: string) => string, RegExp][] = [
  ['file', (dir) => `file:${dir}/window.bin`, /fix: Give this user read and write access to .*window\.bin/],
  ['gpiomem', (dir) => `gpiomem:${dir}/device`, /fix: add yourself to the gpio group/],
  ['devmem', (dir) => `devmem:${dir}/device`, /fix: run as root \(sudo\)/],
  ['chardev', (dir) => `chardev:${dir}/device`, /fix: add yourself to the gpio group/],
  ['sysfs', (dir) => `sysfs:${dir}/sysfs`, /fix: add yourself to the gpio group/],
];

for (const [name, backend, fix] of CASES) {
  (runnable ? test : test.skip)(`a permission failure on the ${name} backend exits 3 with E_PERMISSION and the fix`, (t) => {
    const run = runAsUnprivileged(backend(lockedFiles(t)));
    t.is(run.code, 3, run.stderr);
    t.regex(run.stderr, /pinseq: error: .*\[E_PERMISSION\]/);
    t.regex(run.stderr, fix);
  });
}
