/**
 * `pinseq` as a live child process for fault tests: start it, wait for a line it prints
 * (a readiness marker, never a fixed sleep), send it signals, and collect how it ended.
 * Also a register-window file seeded with known function-select words, read back after
 * the child has gone, to see what the run left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../_helpers/cli.js';

/** How long a marker may take to appear on a loaded 2-core machine before the test gives up. */
export const MARKER_TIMEOUT_MS = 30_000;

/** How a child ended. */
export interface ChildExit {
  /** The exit code, or null when a signal killed the process. */
  readonly code: number | null;
  /** The signal that killed the process (SIGBUS, SIGKILL …), or null when it exited. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `pinseq` process. */
export class PinseqChild {
  stdout = '';
  stderr = '';
  /** Settles when the process has exited and its streams are drained. */
  readonly exited: Promise<ChildExit>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private ending = '';

  /** Starts `node dist/src/cli/main.js ARGS…` from the project root. */
  constructor(args: readonly string[], options: { cwd?: string } = {}) {
    this.child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.ending = signal ? `killed by ${signal}` : `exit code ${code}`;
        this.notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /**
   * Resolves once `stream` has printed `count` lines matching `pattern` (a substring or a
   * regular expression tested line by line). Rejects with everything printed so far when
   * the process exits first or `timeoutMs` passes.
   */
  waitFor(pattern: string | RegExp, options: { stream?: 'stdout' | 'stderr'; count?: number; timeoutMs?: number } = {}): Promise<void> {
    const stream = options.stream ?? 'stdout';
    const count = options.count ?? 1;
    const matches = (): number => countLines(this[stream], pattern);
    return new Promise((resolve, reject) => {
      let exited = false;
      void this.exited.then(() => {
        exited = true;
        check();
      });
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${String(pattern)} on ${stream}`)), options.timeoutMs ?? MARKER_TIMEOUT_MS);
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (!error) return resolve();
        reject(new Error(`${error.message}\n--- stdout:\n${this.stdout}\n--- stderr:\n${this.stderr}`));
      };
      const check = (): void => {
        if (matches() >= count) finish();
        else if (exited) finish(new Error(`pinseq ended (${this.ending}) before printing ${String(pattern)} on ${stream}`));
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends `signal` to the process. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills the process with SIGKILL if it is still running (test clean-up). */
  dispose(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** How many lines of `text` match `pattern`. */
export function countLines(text: string, pattern: string | RegExp): number {
  return text.split('\n').filter((line) => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line))).length;
}

/** A scratch directory for one test file, in /dev/shm when there is one; removed by {@link ScratchDir.remove}. */
export class ScratchDir {
  readonly path = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'pinseq-faults-'));
  private files = 0;

  /** Writes `text` to a fresh file named after `name` and returns its path. */
  file(name: string, text: string | Uint8Array): string {
    const path = join(this.path, `${++this.files}-${name}`);
    writeFileSync(path, text);
    return path;
  }

  /** A fresh path in the directory (nothing is created). */
  fresh(name: string): string {
    return join(this.path, `${++this.files}-${name}`);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Bytes of a BCM2835 register window (BCM2835 ARM Peripherals §6.1: the GPIO block fits in one page). */
export const WINDOW_BYTES = 4096;
/** GPFSEL0–5 are the first six words of the window (BCM2835 ARM Peripherals §6.1, Table 6-1). */
export const FSEL_WORDS = 6;

/**
 * Known function-select words to seed a window with: every field a different, non-input
 * function (alt0 = 4, alt5 = 2 …), so a field a run changed and did not put back stands out.
 */
export const SEEDED_FSEL: readonly number[] = [0o2345674563, 0o3456745634, 0o4567456745, 0o5674567456, 0o6745674567, 0o7456745674];

/** Writes a window file whose GPFSEL0–5 hold {@link SEEDED_FSEL} and every other word 0; returns its path. */
export function seedWindow(dir: ScratchDir): string {
  const words = new Uint32Array(WINDOW_BYTES / 4);
  SEEDED_FSEL.forEach((value, i) => (words[i] = value));
  return dir.file('window.bin', new Uint8Array(words.buffer));
}

/** GPFSEL0–5 as the window file holds them now. */
export function readFsel(path: string): number[] {
  const bytes = readFileSync(path);
  const words: number[] = [];
  for (let i = 0; i < FSEL_WORDS; i++) words.push(bytes.readUInt32LE(i * 4));
  return words;
}

/** The 3-bit function field of `pin` in function-select words `fsel` (BCM2835 §6.1 Table 6-2: 10 pins per word). */
export function fselField(fsel: readonly number[], pin: number): number {
  return (fsel[Math.floor(pin / 10)]! >>> ((pin % 10) * 3)) & 0b111;
}
