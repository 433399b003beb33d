/**
 * pinseq as a library: compile `.gpio` scripts and play them on a simulator, a register
 * window or a gpiochip, from a test rig or any Node program.
 *
 * ```ts
 * import { open, pulsesOf } from 'pinseq';
 * const sim = open({ backend: 'sim', clock: 'virtual' });
 * const run = await sim.run('out 17; repeat 3 < set 17; wait 1ms; clear 17; wait 1ms >');
 * pulsesOf(run.edges ?? [], 17); // three 1 ms pulses
 * ```
 *
 * The stages are also exported for tools: {@link parse}, {@link check}, {@link compile}.
 * Runs always play on a worker thread; the runtime itself is `pinseq/runtime`.
 */
export { check, compile, compileFile, CompileError, parse, type SourceOptions } from './api/language.js';
export { Board, open, type OpenOptions, type RunOptions, type ScriptInput } from './api/board.js';
export type { LiveRun, RunOutcome } from './api/liveRun.js';
export { watch, WatchedRun, type WatchReload, type WatchRunOptions } from './api/watchRun.js';
export { edgesOf, levelAt, periodsOf, pulsesOf, within, type Pulse } from './host/edges.js';
export { locateOp, spanOfOp } from './host/locateOp.js';
export { BACKEND_FORMS, BackendChoiceError } from './host/backendChoice.js';
export { formatDiagnostic, formatDiagnostics } from './diagnostics/format.js';
export { diagnosticToJson, type Diagnostic, type DiagnosticJson, type Severity } from './diagnostics/diagnostic.js';
export { diagnosticCodes, type DiagnosticCode } from './diagnostics/codes.js';
export type { CompileOptions, CompileResult } from './compile/compileScript.js';
export type { Span } from './language/span.js';
export type { Script } from './language/ast.js';
export { chipNames, DEFAULT_CHIP } from './chips/index.js';
export type { BackendSpec, SimInput } from '../runtime/backends/backend.js';
export type { Program, ProgramSpan } from '../runtime/program/program.js';
export { RUN_ERROR_CODES, type Edge, type Mark, type RunError, type RunEvent, type RunResult } from '../runtime/run/runResult.js';
export type { LatenessSummary } from '../runtime/executor/latenessHistogram.js';
