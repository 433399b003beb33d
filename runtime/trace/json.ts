/**
 * Writes a trace as JSON in a stable, documented shape (`format: "pinseq-trace"`,
 * version 1), for scripts and test rigs:
 *
 * ```json
 * {
 *   "format": "pinseq-trace",
 *   "version": 1,
 *   "timeUnit": "ns",
 *   "endNs": 2000000,
 *   "pins": [{ "pin": 7, "name": "bar[0]", "initial": 0 }],
 *   "edges": [{ "atNs": 0, "pin": 7, "level": 1 }],
 *   "marks": [{ "atNs": 1000000, "text": "half way" }]
 * }
 * ```
 *
 * Keys always come in this order; edges and marks are in time order, one per line; every
 * recorded edge is kept (a repeated level included). Times are ns after the run started.
 */
import type { Edge, Mark } from '../run/runResult.js';
import { edgesInTimeOrder, initialLevel, pinLabel, tracePins, type TraceData } from './traceData.js';

/** The value of `format` in a JSON trace. */
export const TRACE_JSON_FORMAT = 'pinseq-trace';
/** The JSON trace version this writer produces. */
export const TRACE_JSON_VERSION = 1;

/** A pin of a JSON trace. */
export interface TraceJsonPin {
  readonly pin: number;
  readonly name: string;
  readonly initial: 0 | 1;
}

/** The JSON trace as an object. */
export interface TraceJson {
  readonly format: typeof TRACE_JSON_FORMAT;
  readonly version: typeof TRACE_JSON_VERSION;
  readonly timeUnit: 'ns';
  readonly endNs: number;
  readonly pins: readonly TraceJsonPin[];
  readonly edges: readonly Edge[];
  readonly marks: readonly Mark[];
}

/** The trace as a plain object in the documented shape. */
export function traceToJson(data: TraceData): TraceJson {
  return {
    format: TRACE_JSON_FORMAT,
    version: TRACE_JSON_VERSION,
    timeUnit: 'ns',
    endNs: data.endNs,
    pins: tracePins(data).map((pin) => ({ pin, name: pinLabel(data, pin), initial: initialLevel(data, pin) })),
    edges: edgesInTimeOrder(data).map((e) => ({ atNs: e.atNs, pin: e.pin, level: e.level })),
    marks: [...data.marks].sort((a, b) => a.atNs - b.atNs).map((m) => ({ atNs: m.atNs, text: m.text })),
  };
}

/** The JSON text: the header fields indented, each pin, edge and mark on its own line. */
export function writeJsonTrace(data: TraceData): string {
  const json = traceToJson(data);
  const list = (items: readonly unknown[]): string => (items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`);
  return [
    '{',
    `  "format": ${JSON.stringify(json.format)},`,
    `  "version": ${json.version},`,
    `  "timeUnit": "ns",`,
    `  "endNs": ${json.endNs},`,
    `  "pins": ${list(json.pins)},`,
    `  "edges": ${list(json.edges)},`,
    `  "marks": ${list(json.marks)}`,
    '}',
    '',
  ].join('\n');
}
