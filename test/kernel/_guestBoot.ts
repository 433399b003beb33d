/**
 * Host side of the QEMU guest test: asks test/kernel/boot.sh whether it can boot, boots it
 * with a guest script, and finds the guest's result line in the console output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../_helpers/cli.js';
import { GUEST_RESULT_MARKER, type GuestReport } from './guest/guestReport.js';

const BOOT = fileURLToPath(new URL('../../../test/kernel/boot.sh', import.meta.url));
/** boot.sh's exit code for "QEMU or the kernel is unavailable". */
const EX_TEMPFAIL = 75;

/** Whether the guest can be booted here: `null` when it can, else the reason it cannot. */
export function bootUnavailableReason(): string | null {
  const check = spawnSync('bash', [BOOT, '--check'], { encoding: 'utf8', timeout: 60_000 });
  if (check.status === 0) return null;
  return unavailableLine(String(check.stderr)) ?? `boot.sh --check failed (${check.status ?? check.signal}): ${String(check.stderr).trim()}`;
}

/** How a boot went. */
export type GuestBoot =
  | { readonly kind: 'ran'; readonly report: GuestReport; readonly seconds: number; readonly log: string; readonly console: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly log: string };

/** Boots the guest running `script` (a path under dist/) with `dataFile` as /project/guest-data.json, resolving when QEMU has exited. */
export function bootGuest(script: string, dataFile: string): Promise<GuestBoot> {
  const started = performance.now();
  const child = spawn('bash', [BOOT, script, dataFile], { cwd: ROOT, env: { ...process.env, NODE: process.execPath }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ kind: 'failed', reason: `cannot run boot.sh: ${error.message}`, log: stderr }));
    child.on('close', (code, signal) => {
      const log = `${stderr}\n--- guest console ---\n${stdout}`;
      const seconds = (performance.now() - started) / 1000;
      const parsed = parseGuestConsole(stdout);
      if (code === 0 && parsed.report) return resolve({ kind: 'ran', report: parsed.report, seconds, log, console: stdout });
      const why = code === EX_TEMPFAIL ? unavailableLine(stderr) : parsed.error;
      resolve({ kind: 'failed', reason: `boot.sh exited with ${code ?? signal}${why ? `: ${why}` : ''}`, log });
    });
  });
}

/**
 * Finds the guest's result line in console output (kernel messages around it, CRLF line
 * ends from the serial port) and parses it.
 */
export function parseGuestConsole(output: string): { readonly report?: GuestReport; readonly error?: string } {
  const line = output.split(/\r?\n/).find((text) => text.startsWith(GUEST_RESULT_MARKER));
  if (line === undefined) return { error: 'the guest printed no result line' };
  try {
    return { report: JSON.parse(line.slice(GUEST_RESULT_MARKER.length)) as GuestReport };
  } catch (error) {
    return { error: `the guest's result line is not JSON: ${(error as Error).message}` };
  }
}

function unavailableLine(stderr: string): string | undefined {
  return stderr.split('\n').find((line) => line.includes('UNAVAILABLE:'))?.replace(/^.*UNAVAILABLE: /, '');
}

/**
 * The warnings Node printed in the guest (`(node:PID) Warning: …`), from any thread: a
 * worker's warnings never reach the main thread's `process.on('warning')`, only stderr.
 */
export function nodeWarnings(console: string): string[] {
  return console.split(/\r?\n/).filter((line) => /^\(node:\d+\) \w*Warning: /.test(line));
}
