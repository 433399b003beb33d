/**
 * Hot reload: watches a script and everything it imports, recompiles on each save,
 * and says whether the new program is good. It never stops anything itself: the caller
 * (the `run --watch` command, or a test rig) decides what to do with a new program,
 * and a save that does not compile only produces diagnostics.
 *
 * What editors really do, and how it is handled:
 * - write in place, or write a temp file and rename it over the script: chokidar
 *   reports one `change` for the script's path (it watches the path, not the inode);
 * - several writes in a burst, or a half-written file: chokidar's `awaitWriteFinish`
 *   holds the event until the size has been stable for `stabilityMs` (40 ms by
 *   default, not chokidar's 2 s), and a short debounce coalesces events of several files;
 * - a file briefly deleted and recreated: within chokidar's `atomic` window it is one
 *   `change`; a longer gap reports `deleted` and the running program carries on until
 *   the file is back;
 * - a save that changes nothing (same text): no reload at all;
 * - an import that cannot be read yet (a new file still to be written): it is watched
 *   all the same, and the save that creates it recompiles;
 * - a file that changed between being read by a compile and being watched: a catch-up
 *   check shortly after each newly watched file compares its text once more.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import { programToJson } from '../../runtime/programJson.js';
import type { Program } from '../../runtime/program.js';
import { type CompileOptions, type CompileResult, compileFile } from '../compile/compileScript.js';

// Long enough for chokidar to have stat'ed and watched a newly added path.
const CATCH_UP_MS = 100;

/** Options for {@link ScriptWatcher}: compile options plus how long a file must be still. */
export interface WatchOptions extends CompileOptions {
  /** How long a file's size must stay unchanged before it is read, in ms (default 40). */
  readonly stabilityMs?: number | undefined;
}

/** A save that compiled to a different program. */
export interface ReloadEvent {
  readonly program: Program;
  readonly result: CompileResult;
  /** From the file event to the compiled program, in ms. */
  readonly ms: number;
  /** The file whose change triggered the reload. */
  readonly file: string;
}

interface WatcherEvents {
  /** A save compiled to a new program. */
  reload: [ReloadEvent];
  /** A save did not compile; the previous program should keep running. */
  failed: [CompileResult];
  /** A save compiled to the same program as before (e.g. only comments changed). */
  unchanged: [CompileResult];
  /** A watched file disappeared (and has not come back yet). */
  deleted: [string];
  /** The watcher itself failed. */
  error: [Error];
  /** The watcher is watching (after the initial scan). */
  ready: [];
}

/**
 * Watches `file` and its imports and compiles every save.
 *
 * Lifetime: watching starts in the constructor; call {@link ScriptWatcher.close} to
 * stop (the process will not exit while a watcher is open).
 */
export class ScriptWatcher extends EventEmitter<WatcherEvents> {
  private readonly watcher: FSWatcher;
  private watched = new Set<string>();
  /** Every file the last compile tried to read, readable or not. */
  private lastFiles: readonly string[] = [];
  private lastSources = new Map<string, string>();
  private lastProgramJson: string | undefined;
  private pending: NodeJS.Timeout | undefined;
  private pendingSince = 0;
  private pendingFile = '';
  private catchUp: NodeJS.Timeout | undefined;

  /**
   * @param file the main script
   * @param options compile options, reused for every recompile
   * @param initial the compile the caller already ran (so the first save is compared to it)
   */
  constructor(
    readonly file: string,
    private readonly options: WatchOptions = {},
    initial?: CompileResult,
  ) {
    super();
    const stability = options.stabilityMs ?? 40;
    this.watcher = watchFiles([], {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.max(5, Math.floor(stability / 4)) },
      atomic: true,
    });
    this.watcher.on('change', (path) => this.schedule(path));
    this.watcher.on('add', (path) => this.schedule(path));
    this.watcher.on('unlink', (path) => this.emit('deleted', path));
    this.watcher.on('error', (e) => this.emit('error', e instanceof Error ? e : new Error(String(e))));
    this.watcher.on('ready', () => this.emit('ready'));
    const start = initial ?? compileFile(file, options);
    this.remember(start);
    this.updateWatchedFiles(start.files.length ? start.files : [file]);
  }

  /** Stops watching. */
  async close(): Promise<void> {
    clearTimeout(this.pending);
    clearTimeout(this.catchUp);
    await this.watcher.close();
  }

  /** Files currently watched (the script and its imports). */
  get files(): readonly string[] {
    return [...this.watched];
  }

  // Several files of one save (or an editor's burst) arrive within a few ms: compile once.
  private schedule(path: string): void {
    if (this.pending === undefined) {
      this.pendingSince = performance.now();
      this.pendingFile = path;
    }
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.recompile(), 5);
  }

  private recompile(): void {
    this.pending = undefined;
    if (!this.sourcesChanged()) return;
    const result = compileFile(this.file, this.options);
    this.updateWatchedFiles(result.files.length ? result.files : [this.file]);
    if (!result.program) {
      // Remember the broken text so saving it again is not a "change", but keep the last good program.
      this.rememberSources(result);
      this.emit('failed', result);
      return;
    }
    const json = JSON.stringify(programToJson(result.program));
    const changed = json !== this.lastProgramJson;
    this.remember(result);
    if (!changed) {
      this.emit('unchanged', result);
      return;
    }
    this.emit('reload', { program: result.program, result, ms: performance.now() - this.pendingSince, file: this.pendingFile });
  }

  private remember(result: CompileResult): void {
    this.rememberSources(result);
    if (result.program) this.lastProgramJson = JSON.stringify(programToJson(result.program));
  }

  private rememberSources(result: CompileResult): void {
    this.lastSources = new Map(result.sources);
    this.lastFiles = result.files.length ? result.files : [this.file];
  }

  // A no-op save (same bytes) must not reload. A file the last compile could not read
  // counts as changed once it can be read (a missing import was created); a file it read
  // counts as changed when it can no longer be read.
  private sourcesChanged(): boolean {
    if (this.lastFiles.length === 0) return true;
    for (const path of this.lastFiles) {
      const before = this.lastSources.get(path);
      let now: string | undefined;
      try {
        now = readFileSync(path, 'utf8');
      } catch {
        now = undefined;
      }
      if (now !== before) return true;
    }
    return false;
  }

  private updateWatchedFiles(files: readonly string[]): void {
    const next = new Set(files);
    const added = [...next].filter((f) => !this.watched.has(f));
    const removed = [...this.watched].filter((f) => !next.has(f));
    if (added.length) this.watcher.add(added);
    if (removed.length) this.watcher.unwatch(removed);
    this.watched = next;
    // chokidar starts watching a new path asynchronously; a save landing before that is
    // caught by comparing the texts once more (a no-op when nothing changed).
    if (added.length && this.lastFiles.length) {
      clearTimeout(this.catchUp);
      this.catchUp = setTimeout(() => this.schedule(added[0]!), CATCH_UP_MS);
    }
  }
}
