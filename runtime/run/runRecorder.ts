/**
 * The host side of a run's records: turns the executor's numeric records into
 * {@link RunEvent}s (texts come from the program's string table), keeps the marks,
 * collects trace records, and assembles the {@link RunResult} at the end.
 */
import { RecordKind, type RecordSink } from './control.js';
import type { Program } from '../program/program.js';
import type { Edge, Mark, RunEvent, RunResult } from './runResult.js';
import type { SessionOutput } from './runSession.js';
import { edgesFromData } from '../backends/sim/edgeLog.js';
import { replayTrace } from '../trace/traceReplay.js';

/** Collects one run's records; the `events` and `trace` sinks can be handed to an executor directly. */
export class RunRecorder {
  /** Receives event records (log, mark, overrun, replaced). */
  readonly events: RecordSink;
  /** Receives trace records (commit, release, replaced). */
  readonly trace: RecordSink;
  private readonly marks: Mark[] = [];
  private readonly replacements = new Map<number, Program>();
  private current: Program;
  private traceData = new Float64Array(4 * 1024);
  private traceCount = 0;
  private callbackError: unknown;

  /**
   * @param program the program the run starts with
   * @param onEvent called for every event, in order
   */
  constructor(
    private readonly program: Program,
    private readonly onEvent?: ((event: RunEvent) => void) | undefined,
  ) {
    this.current = program;
    this.events = { record: (kind, pc, a, b) => this.event(kind, pc, a, b) };
    this.trace = { record: (kind, pc, a, b) => this.traceRecord(kind, pc, a, b) };
  }

  /** Registers a program posted for hot reload under its sequence number. */
  addReplacement(seq: number, program: Program): void {
    this.replacements.set(seq, program);
  }

  /** An exception thrown by `onEvent`, if any (rethrown by the caller once the run is settled). */
  get eventHandlerError(): unknown {
    return this.callbackError;
  }

  /** Assembles the result from what the session returned and what was recorded. */
  result(output: SessionOutput, extra: { readonly tracing: boolean; readonly dropped: number; readonly signal?: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | undefined }): RunResult {
    const o = output.outcome;
    let edges: readonly Edge[] | undefined;
    let dropped = extra.dropped;
    if (output.edges) {
      edges = edgesFromData(output.edges);
      dropped += output.edges.dropped;
    } else if (extra.tracing && o.exitRan) {
      edges = replayTrace(this.program, { data: this.traceData, count: this.traceCount }, output.initialWords ?? [], this.replacements);
    }
    return {
      ...o,
      edges,
      marks: this.marks,
      signal: extra.signal,
      dropped,
    };
  }

  private event(kind: number, pc: number, a: number, b: number): void {
    let event: RunEvent;
    switch (kind) {
      case RecordKind.LOG:
      case RecordKind.MARK: {
        const text = this.current.strings[this.current.code[pc + 1]!] ?? '';
        const type = kind === RecordKind.LOG ? 'log' : 'mark';
        if (type === 'mark') this.marks.push({ atNs: a, text });
        event = { type, text, atNs: a, pc };
        break;
      }
      case RecordKind.OVERRUN:
        event = { type: 'overrun', pc, iteration: a, lateNs: b };
        break;
      case RecordKind.REPLACED:
        this.current = this.replacements.get(a) ?? this.current;
        event = { type: 'replaced', seq: a };
        break;
      default:
        return;
    }
    if (!this.onEvent) return;
    try {
      this.onEvent(event);
    } catch (error) {
      // A throwing handler must not lose the run's later events or its result.
      this.callbackError ??= error;
    }
  }

  private traceRecord(kind: number, pc: number, a: number, b: number): void {
    if ((this.traceCount + 1) * 4 > this.traceData.length) {
      const bigger = new Float64Array(this.traceData.length * 2);
      bigger.set(this.traceData);
      this.traceData = bigger;
    }
    const i = this.traceCount * 4;
    this.traceData[i] = kind;
    this.traceData[i + 1] = pc;
    this.traceData[i + 2] = a;
    this.traceData[i + 3] = b;
    this.traceCount++;
  }
}
