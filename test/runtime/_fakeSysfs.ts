/**
 * A directory tree that imitates /sys/class/gpio, and a fake "kernel": a shell loop in a
 * child process that turns writes to `export`/`unexport` into gpioN directories
 * appearing and disappearing. It runs on its own while the backend blocks in its
 * synchronous wait, the way the real kernel does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** A gpiochip entry of the fake tree. */
export interface FakeSysfsChip {
  readonly base: number;
  readonly ngpio: number;
  readonly label: string;
}

/** Creates `export`, `unexport` and one `gpiochipN` directory per chip in a new temp dir. */
export function makeFakeSysfs(chips: readonly FakeSysfsChip[] = [{ base: 512, ngpio: 58, label: 'pinctrl-bcm2711' }]): string {
  const root = mkdtempSync(join(tmpdir(), 'pinseq-sysfs-'));
  writeFileSync(join(root, 'export'), '');
  writeFileSync(join(root, 'unexport'), '');
  for (const chip of chips) {
    const dir = join(root, `gpiochip${chip.base}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'base'), `${chip.base}\n`);
    writeFileSync(join(dir, 'ngpio'), `${chip.ngpio}\n`);
    writeFileSync(join(dir, 'label'), `${chip.label}\n`);
  }
  return root;
}

/** Creates an already exported `gpioN` with its direction and value. */
export function preExport(root: string, number: number, direction: 'in' | 'out', value: 0 | 1): void {
  const dir = join(root, `gpio${number}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'direction'), `${direction}\n`);
  writeFileSync(join(dir, 'value'), `${value}\n`);
}

// export and unexport become FIFOs, so each write the backend makes is read whole and in
// order (a regular file could be overwritten before the loop reads it).
const KERNEL_SCRIPT = `
cd "$1"
(while :; do
  while read -r n; do
    mkdir ".gpio$n" && printf 'in\\n' > ".gpio$n/direction" && printf '0\\n' > ".gpio$n/value" && mv ".gpio$n" "gpio$n"
  done < export
done) &
while :; do
  while read -r n; do rm -rf "gpio$n"; done < unexport
done
`;

/** A running fake kernel for `root`; `stop()` ends it. */
export class FakeSysfsKernel {
  private readonly child: ChildProcess;

  constructor(readonly root: string) {
    for (const name of ['export', 'unexport']) {
      rmSync(join(root, name));
      execFileSync('mkfifo', [join(root, name)]);
    }
    // Its own process group, so stop() ends the shell and its loop together.
    this.child = spawn('sh', ['-c', KERNEL_SCRIPT, 'fake-sysfs-kernel', root], { stdio: 'ignore', detached: true });
  }

  /** Waits (asynchronously) until `gpioN` has gone, or `timeoutMs` passed; true when gone. */
  async waitUnexported(number: number, timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (existsSync(join(this.root, `gpio${number}`))) {
      if (Date.now() > deadline) return false;
      await delay(5);
    }
    return true;
  }

  stop(): void {
    if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
  }
}
