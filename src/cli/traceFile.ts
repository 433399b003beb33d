/**
 * Writes a run's edges as a waveform file, the format chosen by the extension:
 * `.vcd` (GTKWave, PulseView, sigrok), `.json`, or `.svg` (a timing diagram to look at).
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Program } from '../../runtime/program.js';
import type { RunResult } from '../../runtime/runResult.js';
import { writeJsonTrace } from '../../runtime/trace/json.js';
import { writeSvg } from '../../runtime/trace/svg.js';
import type { TraceData } from '../../runtime/trace/traceData.js';
import { writeVcd } from '../../runtime/trace/vcd.js';
import { UsageError } from './command.js';

const WRITERS: Readonly<Record<string, (data: TraceData) => string>> = {
  '.vcd': (data) => writeVcd(data),
  '.json': (data) => writeJsonTrace(data),
  '.svg': (data) => writeSvg(data),
};

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

/** Writes the trace of `result` to `path` in the format its extension names. */
export function writeTraceFile(path: string, program: Program, result: RunResult): void {
  const writer = WRITERS[extname(path).toLowerCase()];
  if (!writer) throw new UsageError(`cannot write "${path}": unknown trace format.`);
  writeFileSync(path, writer(traceDataOf(program, result)));
}
