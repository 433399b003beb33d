/**
 * The messages between the run host (`startRun`, runtime/run/run.ts) and the executor's
 * worker (runtime/run/worker.ts). Everything here is structured-clone data.
 */
import type { MessagePort } from 'node:worker_threads';
import type { BackendSpec } from '../backends/backend.js';
import type { Program } from '../program/program.js';
import type { SessionOutput } from './runSession.js';

/** `workerData` of the executor worker. */
export interface WorkerInput {
  readonly program: Program;
  readonly backend: BackendSpec;
  readonly keep: boolean;
  readonly latenessThresholdNs?: number | undefined;
  readonly forNs?: number | undefined;
  /** Snapshot the initial words and emit trace records. */
  readonly trace: boolean;
  /** {@link ControlBlock} words. */
  readonly control: SharedArrayBuffer;
  /** {@link RecordRing} of events. */
  readonly events: SharedArrayBuffer;
  /** {@link RecordRing} of trace records, when tracing. */
  readonly traceRing: SharedArrayBuffer | null;
  /** One Uint32 per bank: the level words for a live view. */
  readonly levels: SharedArrayBuffer;
  /** Where replacement programs arrive ({@link ReplacementMessage}); read with receiveMessageOnPort. */
  readonly replacements: MessagePort;
}

/** A program posted for hot reload, numbered from 1 in posting order. */
export interface ReplacementMessage {
  readonly seq: number;
  readonly program: Program;
}

/** The worker's only message: the run is over. */
export interface WorkerDone {
  readonly type: 'done';
  readonly output: SessionOutput;
}
