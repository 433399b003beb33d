/**
 * How a run shows up in the terminal: `log`/`mark` lines as `+SECONDS.MICROS text`,
 * overruns and run errors located in the script, and a one-line summary.
 */
import type { Program } from '../../runtime/program/program.js';
import type { RunEvent, RunResult } from '../../runtime/run/runResult.js';
import { formatDuration } from '../compile/formatDuration.js';
import { locateOp } from '../host/locateOp.js';
import { ExitCode } from './exitCodes.js';

/** `+1.250000` — seconds and microseconds since the run started (SPEC §4). */
export function formatRunTime(atNs: number): string {
  const micros = Math.round(atNs / 1000);
  return `+${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/** The line an event prints, and where: log and mark on stdout, overruns on stderr. */
export function formatEvent(event: RunEvent, program: Program): { stream: 'stdout' | 'stderr'; text: string } | undefined {
  switch (event.type) {
    case 'log':
    case 'mark':
      return { stream: 'stdout', text: `${formatRunTime(event.atNs)} ${event.text}\n` };
    case 'overrun':
      return { stream: 'stderr', text: `${locateOp(program, event.pc)}: warning: iteration ${event.iteration + 1} of this every loop overran its period by ${formatDuration(Math.round(event.lateNs))}\n` };
    case 'replaced':
      return undefined;
  }
}

/** One line: how the run ended, how many instants, how late. */
export function formatSummary(result: RunResult): string {
  const l = result.lateness;
  const late = result.instants === 0 ? '' : `, lateness max ${formatMicros(l.maxNs)} p99 ${formatMicros(l.p99Ns)}, ${l.over} over ${formatMicros(l.thresholdNs)}`;
  const overruns = result.overruns ? `, ${result.overruns} overrun${result.overruns === 1 ? '' : 's'}` : '';
  const dropped = result.dropped ? `, ${result.dropped} records dropped` : '';
  return `pinseq: ${result.status} after ${formatSeconds(result.elapsedNs)}: ${result.instants} instants${late}${overruns}${dropped}\n`;
}

/** The message of a failed run, located in the script when the error names an op, with the fix. */
export function formatRunError(result: RunResult, program: Program): string {
  const e = result.error;
  if (!e) return '';
  const where = e.pc >= 0 ? `${locateOp(program, e.pc)}: ` : 'pinseq: ';
  return `${where}error: ${e.message} [${e.code}]\n${e.fix ? `  fix: ${e.fix}\n` : ''}`;
}

// Backend failures are exit 3 (SPEC §4); everything else a run can fail with comes from the script.
const BACKEND_CODES = new Set(['E_NOT_FOUND', 'E_PERMISSION', 'E_BUSY', 'E_UNSUPPORTED', 'E_MAP', 'E_IO', 'E_BACKEND']);

/** The exit code for a settled run (SPEC §4). */
export function exitCodeOf(result: RunResult): number {
  // SPEC §4 says 130 for an interrupt; a hangup is not one the user asked for, so it keeps the shell's 128 + SIGHUP.
  if (result.signal === 'SIGHUP') return ExitCode.HANGUP;
  if (result.signal) return ExitCode.INTERRUPTED;
  if (result.status !== 'failed') return ExitCode.OK;
  return BACKEND_CODES.has(result.error?.code ?? '') ? ExitCode.BACKEND : ExitCode.SCRIPT_ERROR;
}

function formatMicros(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`;
}

function formatSeconds(ns: number): string {
  return `${(ns / 1e9).toFixed(3)} s`;
}
