/**
 * `watch()`: run a script file and hot-reload it on every save. This is the engine of
 * `pinseq run --watch` too (the CLI only prints what happens). A save that compiles takes
 * over at the next iteration boundary of the outermost loop; a save that does not compile
 * is reported and the running program carries on; a program that ends by itself is
 * started again by the next save.
 */
import { EventEmitter } from 'node:events';
import type { Program } from '../../runtime/program/program.js';
import type { CompileResult } from '../compile/compileScript.js';
import { ScriptWatcher } from '../host/watch.js';
import { Board, type OpenOptions, type RunOptions } from './board.js';
import type { LiveRun, RunOutcome } from './liveRun.js';

/** Options of {@link watch}: where to run (a {@link Board} or open options), run options, and the stability window. */
export interface WatchRunOptions extends OpenOptions, Omit<RunOptions, 'signal' | 'inputs'> {
  /** Run on this board instead of opening one from the options. */
  readonly board?: Board | undefined;
  /** How long a file must stay unchanged before it is read, in ms (default 40). */
  readonly stabilityMs?: number | undefined;
  /** Aborting stops the run (exit block, restore) and closes the watcher. */
  readonly signal?: AbortSignal | undefined;
  /** The first compile, when the caller has already done it (so it is not done twice). */
  readonly first?: CompileResult | undefined;
}

/** A save that took over (or started a new run). */
export interface WatchReload {
  readonly file: string;
  /** From the file settling (after the stability window) to the compiled program, in ms. */
  readonly ms: number;
  readonly program: Program;
  /** The compile, with its warnings. */
  readonly result: CompileResult;
}

interface WatchedRunEvents {
  /** A run began: the first, one started by a save after the previous run ended, or a queued save. */
  start: [LiveRun];
  /** A save compiled and was handed to the running program (or started a new run). */
  reload: [WatchReload];
  /**
   * A save compiled to the program already running (only comments or spacing changed);
   * its source locations are used from now on. Started again when nothing was running.
   */
  unchanged: [CompileResult];
  /**
   * A save did not compile; the running program carries on. (Not called `error`: an
   * EventEmitter throws an `error` nobody listens to, and a bad save must never crash the host.)
   */
  failed: [CompileResult];
  /** A save compiled but the runtime refused it (e.g. another chip's program); it plays when the current run ends. */
  refused: [string];
  /** A run ended (by itself, by failing, or by {@link WatchedRun.stop}). */
  end: [RunOutcome];
  /** A watched file disappeared; the running program carries on. */
  deleted: [string];
  /** The file watcher itself failed (e.g. the folder went away); the running program carries on. */
  watchFailed: [Error];
  /** Watching has begun (after the first scan). */
  ready: [];
}

/** A script running under hot reload. Create one with {@link watch}. */
export class WatchedRun extends EventEmitter<WatchedRunEvents> {
  /** Settles when {@link WatchedRun.stop} (or the signal) has stopped the run and closed the watcher, with the last run's outcome. */
  readonly closed: Promise<RunOutcome | undefined>;
  private live: LiveRun | undefined;
  private last: RunOutcome | undefined;
  /** A good save the runtime could not take: it plays when the current run ends by itself. */
  private queuedProgram: Program | undefined;
  private readonly watcher: ScriptWatcher;
  private closing: Promise<RunOutcome | undefined> | undefined;
  private resolveClosed!: (outcome: RunOutcome | undefined) => void;

  /** Use {@link watch}. */
  constructor(readonly file: string, private readonly board: Board, private readonly options: WatchRunOptions) {
    super();
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    const first = options.first ?? board.compile({ file }, { params: options.params });
    this.watcher = new ScriptWatcher(file, { chip: board.chip, params: options.params, stabilityMs: options.stabilityMs }, first);
    this.watcher.on('reload', (event) => this.reload({ file: event.file, ms: event.ms, program: event.program, result: event.result }));
    this.watcher.on('unchanged', (result) => this.unchanged(result));
    this.watcher.on('failed', (result) => this.emit('failed', result));
    this.watcher.on('deleted', (path) => this.emit('deleted', path));
    this.watcher.on('error', (error) => this.emit('watchFailed', error));
    this.watcher.on('ready', () => this.emit('ready'));
    options.signal?.addEventListener('abort', () => void this.stop(), { once: true });
    // Listeners attach after watch() returns, so report the first compile on the next turn.
    queueMicrotask(() => {
      if (first.program) this.play(first.program);
      else this.emit('failed', first);
    });
  }

  /** The run playing now, if any. */
  get current(): LiveRun | undefined {
    return this.live;
  }

  /** True when a refused save waits for the current run to end. */
  get queued(): boolean {
    return this.queuedProgram !== undefined;
  }

  /** Every file watched: the script and what it imports. */
  get files(): readonly string[] {
    return this.watcher.files;
  }

  /** Stops the run (its exit block runs, functions are restored), closes the watcher, and resolves with the last outcome. */
  stop(): Promise<RunOutcome | undefined> {
    this.closing ??= (async () => {
      await this.watcher.close();
      const live = this.live;
      if (live) {
        live.stop();
        await live.result;
      }
      this.resolveClosed(this.last);
      return this.last;
    })();
    return this.closing;
  }

  private play(program: Program): void {
    if (this.closing) return;
    const { board, options } = this;
    const live = board.start(program, { params: options.params, onEvent: options.onEvent, for: options.for, keep: options.keep, trace: options.trace, stopOnSignals: options.stopOnSignals });
    this.live = live;
    this.emit('start', live);
    void live.result.then((outcome) => {
      this.last = outcome;
      if (this.live === live) this.live = undefined;
      this.emit('end', outcome);
      // An `end` listener may have stopped everything (then nothing starts again).
      const next = this.queuedProgram;
      this.queuedProgram = undefined;
      if (next && !this.closing) this.play(next);
    });
  }

  private reload(reload: WatchReload): void {
    if (this.closing) return;
    if (!this.live) {
      this.play(reload.program);
    } else {
      const answer = this.live.replace(reload.program);
      if (!answer.accepted) {
        this.queuedProgram = reload.program;
        this.emit('refused', answer.reason ?? 'refused by the runtime');
        return;
      }
      this.queuedProgram = undefined;
    }
    this.emit('reload', reload);
  }

  private unchanged(result: CompileResult): void {
    if (this.closing || !result.program) return;
    if (this.live) this.live.relocate(result.program);
    this.emit('unchanged', result);
    if (!this.live) this.play(result.program);
  }
}

/**
 * Runs the script in `file` and hot-reloads it (and its imports) on every save. Listen
 * for `reload`, `failed` (diagnostics of a bad save), `start` and `end`; call `stop()`
 * to end it.
 */
export function watch(file: string, options: WatchRunOptions = {}): WatchedRun {
  return new WatchedRun(file, options.board ?? new Board(options), options);
}
