/**
 * Writes a run's edges as a waveform file, the format chosen by the extension:
 * `.vcd` (GTKWave, PulseView, sigrok), `.json`, or `.svg` (a timing diagram to look at).
 */
import { lstatSync, unlinkSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Program } from '../../runtime/program/program.js';
import type { RunResult } from '../../runtime/run/runResult.js';
import { writeJsonTrace } from '../../runtime/trace/json.js';
import { writeSvg } from '../../runtime/trace/svg.js';
import type { TraceData } from '../../runtime/trace/traceData.js';
import { writeVcd } from '../../runtime/trace/vcd.js';
import { UsageError } from './command.js';
import { ExitCode } from './exitCodes.js';

const WRITERS: Readonly<Record<string, (data: TraceData) => string>> = {
  '.vcd': (data) => writeVcd(data),
  '.json': (data) => writeJsonTrace(data),
  '.svg': (data) => writeSvg(data),
};

/**
 * The exit code when the run went well but its trace file could not be written: SPEC §4's
 * 3, "backend/permission error", the class of a missing directory, a permission or a full disk.
 */
export const TRACE_UNWRITTEN = ExitCode.BACKEND;

/** Throws a {@link UsageError} unless `path` ends in an extension pinseq can write. */
export function checkTraceExtension(path: string, allowed: readonly string[] = Object.keys(WRITERS)): void {
  const ext = extname(path).toLowerCase();
  if (!allowed.includes(ext)) throw new UsageError(`cannot write "${path}": the trace file must end in ${allowed.join(', ')}.`);
}

/** The waveform of a run: the program's pins with their names, the edges and marks, up to the end. */
export function traceDataOf(program: Program, result: RunResult): TraceData {
  const edges = result.edges ?? [];
  const last = edges.length ? edges[edges.length - 1]!.atNs : 0;
  const endNs = Math.max(result.elapsedNs, last, ...result.marks.map((m) => m.atNs));
  return { edges, marks: result.marks, pins: program.pins, pinNames: program.pinNames, endNs };
}

/**
 * Writes the trace of `result` to `path` in the format its extension names. Returns
 * undefined when the file is written, else a line saying why not (a missing directory,
 * no permission, a full disk): the run has ended cleanly by then, so a file system
 * failure is reported, not thrown. A partly written file is removed.
 */
export function writeTraceFile(path: string, program: Program, result: RunResult): string | undefined {
  const writer = WRITERS[extname(path).toLowerCase()];
  if (!writer) throw new UsageError(`cannot write "${path}": unknown trace format.`);
  const text = writer(traceDataOf(program, result));
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    // A full disk leaves a truncated waveform that would load as a wrong one; a device (/dev/full) is not ours to remove.
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO') removeIfRegularFile(path);
    return `pinseq: could not write the trace to ${path}: ${TRACE_WRITE_REASONS[code ?? ''] ?? (error as Error).message}${code ? ` (${code})` : ''}; the run itself ended as reported.\n`;
  }
}

/** What the usual write errors mean to a person. */
const TRACE_WRITE_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
};

function removeIfRegularFile(path: string): void {
  try {
    if (lstatSync(path).isFile()) unlinkSync(path);
  } catch {
    // Nothing to remove, or not allowed to: the message already says the trace was not written.
  }
}
