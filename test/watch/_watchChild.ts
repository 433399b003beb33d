/**
 * A real `pinseq run FILE --watch -q` child process for hot-reload tests, and a scratch
 * folder for its scripts. The tests change files on disk the way editors do and read
 * what the child prints; they wait for output by polling with generous timeouts and
 * never assert how long anything took.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { CLI } from '../_helpers/cli.js';

/** How the child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Generous: on a loaded 2-core machine a dozen children starting at once take seconds each. */
const DEFAULT_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 45_000;
const POLL_MS = 10;

// `+SECONDS.MICROS text`: how log and mark lines print (SPEC §4).
const EVENT_LINE = /^\+\d+\.\d{6} (.*)$/;

/** Makes a fresh folder for one test's scripts, removed when the test ends. */
export function scratchDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-watch-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A running `pinseq run FILE --watch -q` with everything it printed so far. */
export class WatchChild {
  /** Everything the child wrote to stdout so far. */
  stdout = '';
  /** Everything the child wrote to stderr so far. */
  stderr = '';
  /** Settles when the child has exited. */
  readonly exited: Promise<ChildExit>;
  private readonly child: ChildProcess;
  private running = true;

  /**
   * Starts `pinseq run FILE --watch -q --backend sim ARGS…` in `dir` (a later
   * `--backend` in `args` wins), and kills it when the test ends if it is still running.
   */
  constructor(t: ExecutionContext, readonly dir: string, file: string, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [CLI, 'run', file, '--watch', '-q', '--backend', 'sim', ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.running = false;
        resolve({ code, signal });
      });
    });
    t.teardown(() => this.kill());
  }

  /** The texts of the `log` and `mark` lines printed so far, in order. */
  events(): string[] {
    const texts: string[] = [];
    for (const line of this.stdout.split('\n')) {
      const m = EVENT_LINE.exec(line);
      if (m) texts.push(m[1]!);
    }
    return texts;
  }

  /** How many stderr lines match `pattern`. */
  stderrCount(pattern: RegExp): number {
    return this.stderr.split('\n').filter((line) => pattern.test(line)).length;
  }

  /**
   * Resolves once `condition` holds (polled every 10 ms); rejects after `timeoutMs` with
   * `what` and the child's output, or when the child exits first.
   */
  async until(what: string, condition: () => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return;
      if (!this.running) throw new Error(`the child exited while waiting for ${what}\n${this.describe()}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.describe()}`);
      await sleep(POLL_MS);
    }
  }

  /** Waits until the watcher is watching and the first program has printed `firstEvent`. */
  async ready(firstEvent: string): Promise<void> {
    await this.until(`the watcher to be ready and "${firstEvent}"`, () => this.stderr.includes('pinseq: watching ') && this.events().includes(firstEvent), START_TIMEOUT_MS);
  }

  /** Waits until `count` more events than now have been printed that satisfy `accept`. */
  async moreEvents(what: string, count: number, accept: (text: string) => boolean): Promise<void> {
    const before = this.events().filter(accept).length;
    await this.until(`${count} more ${what}`, () => this.events().filter(accept).length >= before + count);
  }

  /** Sends SIGINT (Ctrl-C) and resolves when the child has exited (SIGKILL after `timeoutMs`). */
  async interrupt(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ChildExit> {
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Kills the child at once if it is still running. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  /** The output so far, for failure messages (stdout's tail only: it can be long). */
  describe(): string {
    const tail = this.stdout.split('\n').slice(-30).join('\n');
    return `--- stdout (last lines) ---\n${tail}\n--- stderr ---\n${this.stderr}`;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Blocks the thread for `ms` milliseconds: for writes that must follow each other closely, whatever the event loop is doing. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}
