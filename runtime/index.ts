/**
 * pinseq's runtime (`pinseq/runtime`): plays compiled programs on a backend. It depends
 * on nothing in the compiler; a program arrives as data.
 *
 * - {@link startRun}: run on a worker thread (the normal way; the caller's event loop stays free);
 * - {@link runInline}: run on this thread (virtual-clock traces and tests);
 * - {@link SimBackend}: the simulator, to drive inputs and inspect registers from a test rig.
 */
export * from './program/program.js';
export { BackendError, type Backend, type BackendErrorCode, type BackendName, type BackendSession, type BackendSpec, type SimInput } from './backends/backend.js';
export { startRun, type RunHandle, type StartRunOptions } from './run/run.js';
export { runInline, type RunInlineOptions } from './run/runInline.js';
export { RUN_ERROR_CODES, type Edge, type Mark, type RunError, type RunEvent, type RunResult } from './run/runResult.js';
export { DEFAULT_LATENESS_THRESHOLD_NS } from './executor/execution.js';
export type { LatenessSummary } from './executor/latenessHistogram.js';
export { validateProgram, type ProgramValidation } from './program/validateProgram.js';
export { createBackend } from './backends/create.js';
export { SimBackend, isSimSession, type SimSession, type SimSpec } from './backends/sim/simBackend.js';
export { fileBackend } from './backends/mmap/file.js';
export { mapWindow, type MappedWindow, type MapWindowOptions } from './backends/mmap/mmapWindow.js';
export { BcmRegisterModel } from './backends/sim/registerModel.js';
export { RealClock, VirtualClock, type Clock } from './clock/clock.js';
