/**
 * The executor's worker thread: creates the backend here (an mmap must be made by the
 * thread that uses it), runs the program with the session runner, posts the output,
 * and ends. It never runs its event loop while the program plays: stop and replace
 * requests arrive through the shared control words, replacement programs are read with
 * `receiveMessageOnPort`.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createBackend } from '../backends/create.js';
import { type Clock, RealClock, VirtualClock } from '../clock/clock.js';
import { ControlBlock, RecordRing } from './control.js';
import type { ReplacementSource } from '../executor/execution.js';
import { runSession } from './runSession.js';
import type { ReplacementMessage, WorkerDone, WorkerInput } from './workerProtocol.js';

const input = workerData as WorkerInput;
const clock: Clock = input.backend.kind === 'sim' && input.backend.clock === 'virtual' ? new VirtualClock() : new RealClock();

const replacements: ReplacementSource = {
  take() {
    // Several saves may have queued up: drain them and keep the newest.
    let newest: ReplacementMessage | undefined;
    for (let m = receiveMessageOnPort(input.replacements); m; m = receiveMessageOnPort(input.replacements)) {
      newest = m.message as ReplacementMessage;
    }
    return newest;
  },
};

const output = runSession(input.program, () => createBackend(input.backend, clock), clock, {
  control: new ControlBlock(input.control),
  events: new RecordRing(input.events),
  trace: input.traceRing ? new RecordRing(input.traceRing) : null,
  levels: new Uint32Array(input.levels),
  replacements,
}, { keep: input.keep, latenessThresholdNs: input.latenessThresholdNs, forNs: input.forNs, snapshot: input.trace });

input.replacements.close();
const done: WorkerDone = { type: 'done', output };
// The edge arrays are fresh copies (EdgeLog.data), so moving them costs nothing.
const transfer = output.edges ? [output.edges.times.buffer as ArrayBuffer, output.edges.codes.buffer as ArrayBuffer] : [];
parentPort?.postMessage(done, transfer);
