/**
 * `open()`: a place to run scripts (a simulator, a register window, a gpiochip) and the
 * chip to compile for, bound once; then `run()` as many scripts as you like on it. Every
 * run plays on a worker thread, so the caller's event loop stays free.
 */
import type { BackendSpec, SimInput } from '../../runtime/backends/backend.js';
import type { Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import type { RunEvent } from '../../runtime/run/runResult.js';
import type { CompileOptions, CompileResult } from '../compile/compileScript.js';
import { resolveBackendChoice } from '../host/backendChoice.js';
import { durationOption } from './durationOption.js';
import { compile, CompileError, compileFile } from './language.js';
import { type LiveRun, liveRun, ProgramTracker, type RunOutcome } from './liveRun.js';

/** Options of {@link open}. */
export interface OpenOptions {
  /**
   * Where runs go: a text form as on the command line (`'sim'`, `'file:/dev/shm/gpio'`,
   * `'gpiomem'`, `'devmem'`, `'chardev:/dev/gpiochip0'`, `'sysfs'`, `'auto'`) or a
   * {@link BackendSpec}. Default `'auto'`: gpiomem, chardev, devmem, else the simulator.
   */
  readonly backend?: string | BackendSpec | undefined;
  /** The chip to compile for when a script has no `chip` statement. Default: the board's for gpiomem/devmem, else `bcm2711`. */
  readonly chip?: string | undefined;
  /** Simulator only: `real` (default) waits in wall time; `virtual` makes waits free and times exact. */
  readonly clock?: 'real' | 'virtual' | undefined;
  /** Simulator only: input levels over time, for `wait until` (see {@link SimInput}). */
  readonly inputs?: readonly SimInput[] | undefined;
}

/** What a script to run can be: source text, a file, or a program compiled before. */
export type ScriptInput = string | { readonly file: string } | Program;

/** Options of {@link Board.run} and {@link Board.start}. */
export interface RunOptions {
  /** Param overrides, as text (`'20ms'`, `'7..11'`) or numbers. */
  readonly params?: Readonly<Record<string, string | number>> | undefined;
  /** Aborting stops the run cleanly: the `on exit` block runs and pin functions are restored. */
  readonly signal?: AbortSignal | undefined;
  /** Every log, mark, overrun and replacement, in order, on the caller's thread. */
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
  /** Stop the main program after this much schedule time (`'10s'` or ns); the exit block still runs. */
  readonly for?: string | number | undefined;
  /** Leave pin functions as the script left them. */
  readonly keep?: boolean | undefined;
  /** Record edges on backends other than the simulator (which always records). */
  readonly trace?: boolean | undefined;
  /** Simulator only: input levels for this run, instead of the board's. */
  readonly inputs?: readonly SimInput[] | undefined;
  /** Stop on SIGINT/SIGTERM while the run is live (default false for the library: the host decides). */
  readonly stopOnSignals?: boolean | undefined;
}

/** A backend and a chip, ready to run scripts. Create one with {@link open}. */
export class Board {
  /** Where runs go (with `auto` resolved). */
  readonly backend: BackendSpec;
  /**
   * The chip scripts are compiled for: the `chip` option, else the board's own for
   * gpiomem/devmem; undefined leaves it to each script's `chip` statement, else bcm2711.
   * A script whose `chip` statement disagrees with a chip given here is a compile error.
   */
  readonly chip: string | undefined;
  /** Set when `auto` fell back to the simulator: the reason, one line. */
  readonly notice: string | undefined;

  /** Use {@link open}. */
  constructor(options: OpenOptions = {}) {
    const resolved = resolveBackendChoice(options.backend, options.clock);
    let spec = resolved.spec;
    if (spec.kind === 'sim') spec = { ...spec, clock: spec.clock ?? options.clock, inputs: spec.inputs ?? options.inputs };
    this.backend = spec;
    this.chip = options.chip ?? resolved.chip;
    this.notice = resolved.notice;
  }

  /** Compiles a script for this board's chip (never throws; see {@link compile}). */
  compile(script: string | { readonly file: string }, options: Pick<CompileOptions, 'params'> = {}): CompileResult {
    const compileOptions = { chip: this.chip, params: options.params };
    return typeof script === 'string' ? compile(script, compileOptions) : compileFile(script.file, compileOptions);
  }

  /**
   * Plays a script to its end (or until `signal` aborts) and resolves with the outcome:
   * `ended`, `stopped` or `failed` with a located error, plus lateness figures, marks,
   * and on the simulator every edge. Rejects only with a {@link CompileError}.
   */
  async run(script: ScriptInput, options: RunOptions = {}): Promise<RunOutcome> {
    return this.start(script, options).result;
  }

  /**
   * Starts a script and returns it live: stop it, read its pin levels, or replace its
   * program (hot reload). Throws a {@link CompileError} when the script does not compile.
   */
  start(script: ScriptInput, options: RunOptions = {}): LiveRun {
    const program = this.programOf(script, options);
    const backend = this.backend.kind === 'sim' && options.inputs !== undefined ? { ...this.backend, inputs: options.inputs } : this.backend;
    const tracker = new ProgramTracker(program);
    const handle = startRun(program, {
      backend,
      keep: options.keep,
      trace: options.trace,
      signal: options.signal,
      onEvent: (event) => {
        tracker.onEvent(event);
        options.onEvent?.(event);
      },
      forNs: options.for === undefined ? undefined : durationOption('for', options.for),
      stopOnSignals: options.stopOnSignals ?? false,
    });
    return liveRun(handle, tracker, (next) => this.programOf(next, options));
  }

  private programOf(script: ScriptInput, options: RunOptions): Program {
    if (typeof script === 'object' && 'format' in script) return script;
    const compiled = this.compile(script, { params: options.params });
    if (!compiled.program) throw new CompileError(compiled.diagnostics, compiled.sources);
    return compiled.program;
  }
}

/**
 * Opens a place to run scripts. `open({ backend: 'sim', clock: 'virtual' })` is the
 * simulator with exact, free waits (for tests); `open()` picks real GPIO when there is some.
 */
export function open(options: OpenOptions = {}): Board {
  return new Board(options);
}
