/**
 * Hot reload: watches a script and everything it imports, recompiles on each save,
 * and says whether the new program is good. It never stops anything itself: the caller
 * (the `run --watch` command, or a test rig) decides what to do with a new program,
 * and a save that does not compile only produces diagnostics.
 *
 * What editors really do, and how it is handled:
 * - write in place, or write a temp file and rename it over the script: chokidar
 *   reports one `change` for the script's path (after a rename it watches the new inode);
 * - several writes in a burst, or a half-written file: chokidar's `awaitWriteFinish`
 *   holds the event until the size has been stable for `stabilityMs` (40 ms by
 *   default, not chokidar's 2 s), and a short debounce coalesces events of several files.
 *   So writes less than the window apart are read once, whole; a writer that pauses
 *   longer shows the half file's diagnostics, and the whole file reloads when it lands;
 * - a file briefly deleted and recreated: within chokidar's `atomic` window it is one
 *   `change`; a longer gap reports `deleted` and the running program carries on until
 *   the file is back;
 * - a save that changes nothing (same text): no reload at all;
 * - an import that cannot be read yet (a new file still to be written): it is watched
 *   all the same, and the save that creates it recompiles;
 * - a file that changed between being read by a compile and being watched: catch-up
 *   checks shortly after each newly watched file compare its text again;
 * - chokidar going quiet (a deleted file's return unreported, or a storm of rename-over
 *   saves): a poll looks for deleted files coming back, and a once-a-second audit
 *   compares the texts; either starts a fresh chokidar watcher and catches up.
 * Whatever is read outside chokidar's events is read twice a stability window apart and
 * compiled only when both reads agree.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import { programToJson } from '../../runtime/program/programJson.js';
import type { Program } from '../../runtime/program/program.js';
import { type CompileOptions, type CompileResult, compileFile } from '../compile/compileScript.js';

// Short, unlike chokidar's 2 s default: a save should show on the pins at once.
const DEFAULT_STABILITY_MS = 40;
// chokidar watches a newly added path asynchronously (a missing file's folder only after
// the 'ready' event): the catch-up checks compare texts at these delays after an add.
const CATCH_UP_MS = [100, 500, 2000] as const;
// How often to look for a deleted file's return while chokidar has not reported it.
const RETURN_POLL_MS = 250;
// How often to check that chokidar has not gone quiet about a changed file.
const AUDIT_MS = 1000;

/** Options for {@link ScriptWatcher}: compile options plus how long a file must be still. */
export interface WatchOptions extends CompileOptions {
  /** How long a file's size must stay unchanged before it is read, in ms (default 40). */
  readonly stabilityMs?: number | undefined;
}

/** A save that compiled to a different program. */
export interface ReloadEvent {
  readonly program: Program;
  readonly result: CompileResult;
  /** From the file event (which chokidar reports once the stability window has passed) to the compiled program, in ms. */
  readonly ms: number;
  /** The file whose change triggered the reload. */
  readonly file: string;
}

interface WatcherEvents {
  /** A save compiled to a new program. */
  reload: [ReloadEvent];
  /** A save did not compile; the previous program should keep running. */
  failed: [CompileResult];
  /**
   * A save compiled to a program that behaves as the previous one (e.g. only comments
   * changed): the same ops, strings and pins, maybe with other source locations.
   */
  unchanged: [CompileResult];
  /** A watched file disappeared (and has not come back yet). */
  deleted: [string];
  /** The watcher itself failed. */
  error: [Error];
  /** The watcher is watching (after the initial scan). */
  ready: [];
}

// The program as JSON without its source locations: a comment that moves code down a
// line changes the span table, not what the pins do.
function behaviourOf(program: Program): string {
  const { spans: _spans, opSpans: _opSpans, ...rest } = programToJson(program);
  return JSON.stringify(rest);
}

/**
 * Watches `file` and its imports and compiles every save.
 *
 * Lifetime: watching starts in the constructor; call {@link ScriptWatcher.close} to
 * stop (the process will not exit while a watcher is open).
 */
export class ScriptWatcher extends EventEmitter<WatcherEvents> {
  private watcher: FSWatcher;
  private watched = new Set<string>();
  /** Watched files reported deleted and not seen again yet. */
  private readonly deleted = new Set<string>();
  private returnPoll: NodeJS.Timeout | undefined;
  private readonly audit: NodeJS.Timeout;
  private lastEventAt = 0;
  private closed = false;
  /** Every file the last compile tried to read, readable or not. */
  private lastFiles: readonly string[] = [];
  private lastSources = new Map<string, string>();
  private lastBehaviour: string | undefined;
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
    this.watcher = this.createWatcher();
    // chokidar can report 'ready' more than once when several paths are added together.
    this.watcher.once('ready', () => this.emit('ready'));
    this.audit = setInterval(() => this.auditWatcher(), AUDIT_MS);
    const start = initial ?? compileFile(file, options);
    this.remember(start);
    this.updateWatchedFiles(start.files.length ? start.files : [file]);
  }

  /** Stops watching. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.pending);
    clearTimeout(this.catchUp);
    clearInterval(this.returnPoll);
    clearInterval(this.audit);
    await this.watcher.close();
  }

  private createWatcher(): FSWatcher {
    const stability = this.options.stabilityMs ?? DEFAULT_STABILITY_MS;
    const watcher = watchFiles([], {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.max(5, Math.floor(stability / 4)) },
      atomic: true,
    });
    watcher.on('change', (path) => this.schedule(path));
    watcher.on('add', (path) => {
      this.deleted.delete(path);
      this.schedule(path);
    });
    watcher.on('unlink', (path) => this.onDeleted(path));
    watcher.on('error', (e) => this.emit('error', e instanceof Error ? e : new Error(String(e))));
    return watcher;
  }

  // chokidar does not always notice a deleted file coming back (it watches a file's
  // return only in some states), so a poll looks for it while it is gone.
  private onDeleted(path: string): void {
    this.deleted.add(path);
    this.emit('deleted', path);
    this.returnPoll ??= setInterval(() => this.pollDeleted(), RETURN_POLL_MS);
  }

  // A deleted file is back and chokidar has not said so: start over with a fresh chokidar
  // watcher (its state for that path cannot be trusted) and compare the texts.
  private pollDeleted(): void {
    const back = [...this.deleted].filter((path) => existsSync(path));
    for (const path of back) this.deleted.delete(path);
    if (this.deleted.size === 0) {
      clearInterval(this.returnPoll);
      this.returnPoll = undefined;
    }
    if (back.length === 0 || this.closed) return;
    void this.watcher.close();
    this.watcher = this.createWatcher();
    this.watcher.add([...this.watched]);
    clearTimeout(this.catchUp);
    this.catchUpCheck(back[0]!, 0, undefined);
  }

  /** Files currently watched (the script and its imports). */
  get files(): readonly string[] {
    return [...this.watched];
  }

  // A storm of rename-over saves can leave chokidar silent about a file for good. When a
  // readable file's text differs from the last compile and nothing has been reported or
  // is pending for a while, start over with a fresh chokidar watcher and catch up.
  private auditWatcher(): void {
    if (this.closed || this.pending !== undefined || this.catchUp !== undefined) return;
    if (performance.now() - this.lastEventAt < AUDIT_MS) return;
    const texts = this.currentTexts();
    const missed = this.lastFiles.findIndex((path, i) => texts[i] !== undefined && texts[i] !== this.lastSources.get(path));
    if (missed < 0) return;
    void this.watcher.close();
    this.watcher = this.createWatcher();
    this.watcher.add([...this.watched]);
    this.catchUpCheck(this.lastFiles[missed]!, 0, undefined);
  }

  // Several files of one save (or an editor's burst) arrive within a few ms: compile once.
  private schedule(path: string): void {
    this.lastEventAt = performance.now();
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
    const changed = behaviourOf(result.program) !== this.lastBehaviour;
    this.remember(result);
    if (!changed) {
      this.emit('unchanged', result);
      return;
    }
    this.emit('reload', { program: result.program, result, ms: performance.now() - this.pendingSince, file: this.pendingFile });
  }

  private remember(result: CompileResult): void {
    this.rememberSources(result);
    if (result.program) this.lastBehaviour = behaviourOf(result.program);
  }

  private rememberSources(result: CompileResult): void {
    this.lastSources = new Map(result.sources);
    this.lastFiles = result.files.length ? result.files : [this.file];
  }

  // A no-op save (same bytes) must not reload. A file the last compile could not read
  // counts as changed once it can be read (a missing import was created); a file it read
  // counts as changed when it can no longer be read.
  private sourcesChanged(texts = this.currentTexts()): boolean {
    return this.lastFiles.some((path, i) => texts[i] !== this.lastSources.get(path));
  }

  // The texts of the last compile's files as they are now (undefined: unreadable).
  private currentTexts(): (string | undefined)[] {
    return this.lastFiles.map((path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    });
  }

  private updateWatchedFiles(files: readonly string[]): void {
    const next = new Set(files);
    const added = [...next].filter((f) => !this.watched.has(f));
    const removed = [...this.watched].filter((f) => !next.has(f));
    if (added.length) this.watcher.add(added);
    if (removed.length) this.watcher.unwatch(removed);
    this.watched = next;
    // chokidar starts watching a new path asynchronously; a save landing before that is
    // caught by comparing the texts again (a no-op when nothing changed).
    if (added.length && this.lastFiles.length) {
      clearTimeout(this.catchUp);
      this.catchUp = setTimeout(() => this.catchUpCheck(added[0]!, 0, undefined), CATCH_UP_MS[0]);
    }
  }

  // What chokidar did not report gets no stability window from it: recompile only when
  // two reads a window apart agree, so a file caught half-written is not compiled.
  private catchUpCheck(path: string, attempt: number, previous: readonly (string | undefined)[] | undefined): void {
    this.catchUp = undefined;
    const texts = this.currentTexts();
    if (!this.sourcesChanged(texts)) {
      const next = CATCH_UP_MS[attempt + 1];
      if (next !== undefined) this.catchUp = setTimeout(() => this.catchUpCheck(path, attempt + 1, undefined), next - CATCH_UP_MS[attempt]!);
      return;
    }
    if (previous && texts.every((text, i) => text === previous[i])) return this.schedule(path);
    this.catchUp = setTimeout(() => this.catchUpCheck(path, attempt, texts), this.options.stabilityMs ?? DEFAULT_STABILITY_MS);
  }
}
