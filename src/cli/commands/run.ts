/** `pinseq run FILE`: compile and play a script on a backend, optionally hot-reloading it. */
import type { Program } from '../../../runtime/program/program.js';
import { Board, type RunOptions } from '../../api/board.js';
import type { LiveRun, RunOutcome } from '../../api/liveRun.js';
import { WatchedRun } from '../../api/watchRun.js';
import { type CompileResult, compileFile } from '../../compile/compileScript.js';
import { BACKEND_FORMS, resolveBackend, type ResolvedBackend } from '../backendOption.js';
import { type CliIo, type Command, parseCommandLine, parseDurationOption, parseParams, relativeToWorkingDirectory, reportDiagnostics, UsageError, withUsage } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { LiveView } from '../liveView.js';
import { exitCodeOf, formatEvent, formatRunError, formatSummary } from '../runReport.js';
import { checkTraceExtension, TRACE_UNWRITTEN, writeTraceFile } from '../traceFile.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run a script on GPIO hardware or the simulator',
  help: `Usage: pinseq run FILE [--backend B] [--chip CHIP] [--param NAME=VALUE]... [--watch]
                      [--trace OUT.vcd|OUT.json|OUT.svg] [--keep] [--clock real|virtual] [--for D]

Compiles FILE and plays it. log and mark lines print as +SECONDS.MICROS text.
On a terminal with the simulator, a live line shows the script's pins.
Ctrl-C (SIGINT) or SIGTERM stops the run: the on exit block runs, pin functions are
restored, and pinseq exits 130.

Options:
  --backend B           where to run: ${BACKEND_FORMS}
                        (default auto: gpiomem, chardev, devmem, else the simulator)
  --chip CHIP           chip to compile for when neither the script nor the board says
  --param NAME=VALUE    override a param (repeatable)
  --watch               hot reload: recompile FILE and its imports on every save; a good
                        save takes over at the next iteration of the outermost loop, a
                        bad one prints its errors and the running program carries on
  --trace OUT           record every edge and write OUT (.vcd, .json or .svg); sim and
                        mmap backends
  --keep                leave pin functions as the script left them
  --clock real|virtual  simulator clock (default real; virtual makes waits free)
  --for D               stop after D of schedule time (e.g. 10s), running on exit
  -q, --quiet           no live view and no summary line
  -h, --help            show this help

Exit codes: 0 ok, 1 script error, 2 usage, 3 backend or permission error, 130 interrupted.
`,
  main: (args, io) => withUsage(io, 'run', () => run(args, io)),
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    backend: { type: 'string' },
    chip: { type: 'string' },
    param: { type: 'string', multiple: true },
    watch: { type: 'boolean' },
    trace: { type: 'string' },
    keep: { type: 'boolean' },
    clock: { type: 'string' },
    for: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return io.stdout.write(runCommand.help), ExitCode.OK;
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.');
  const file = positionals[0]!;
  if (values.clock !== undefined && values.clock !== 'real' && values.clock !== 'virtual') throw new UsageError('--clock must be real or virtual.');
  if (values.trace) checkTraceExtension(values.trace);
  const forNs = values.for === undefined ? undefined : parseDurationOption('--for', values.for);

  const backend = resolveBackend(values.backend, values.clock as 'real' | 'virtual' | undefined);
  if (values.clock === 'virtual' && backend.spec.kind !== 'sim') throw new UsageError('--clock virtual needs the sim backend.');
  if (backend.notice) io.stderr.write(backend.notice + '\n');
  const compileOptions = { chip: values.chip ?? backend.chip, params: parseParams(values.param) };
  const compiled = compileFile(file, compileOptions);
  if (reportDiagnostics(io, compiled.diagnostics, compiled.sources) || !compiled.program) return ExitCode.SCRIPT_ERROR;

  const board = new Board({ backend: backend.spec, chip: compileOptions.chip });
  const session = new RunSession(io, board, { keep: values.keep === true, trace: values.trace, forNs, quiet: values.quiet === true });
  if (!values.watch) return session.play(compiled.program);
  return watchAndPlay(io, file, compileOptions.params, compiled, session);
}

interface SessionOptions {
  readonly keep: boolean;
  readonly trace: string | undefined;
  readonly forNs: number | undefined;
  readonly quiet: boolean;
}

/** The terminal side of runs: log/mark lines, the live view, the summary, the trace file. */
class RunSession {
  private live: LiveRun | undefined;
  private view: LiveView | undefined;

  constructor(
    private readonly io: CliIo,
    readonly board: Board,
    readonly options: SessionOptions,
  ) {}

  /** Run options for the library: events printed as they come, signals stop the run. */
  get runOptions(): RunOptions {
    return { keep: this.options.keep, trace: this.options.trace !== undefined, for: this.options.forNs, stopOnSignals: true, onEvent: this.onEvent };
  }

  /** Plays `program` to its end and returns the exit code. */
  async play(program: Program): Promise<number> {
    const live = this.board.start(program, this.runOptions);
    this.attach(live);
    return this.finish(await live.result);
  }

  /** Follows a run that has started: its events print against its program, on a terminal with the simulator a live view. */
  attach(live: LiveRun): void {
    this.live = live;
    const showView = this.board.backend.kind === 'sim' && this.io.stdout.isTTY && !this.options.quiet;
    if (!showView) return;
    const view = new LiveView(this.io.stdout, live.program(), () => live.levels());
    this.view = view;
    void live.result.finally(() => view.stop());
  }

  private readonly onEvent = (event: Parameters<typeof formatEvent>[0]): void => {
    const program = this.live?.program();
    const line = program && formatEvent(event, program);
    if (!line) return;
    if (line.stream === 'stdout' && this.view) this.view.print(line.text);
    else this.io[line.stream].write(line.text);
  };

  /** Reports a settled run and returns its exit code. */
  finish(result: RunOutcome): number {
    const program = result.program;
    if (result.status === 'failed') this.io.stderr.write(formatRunError(result, program));
    if (!this.options.quiet) this.io.stderr.write(formatSummary(result));
    const code = exitCodeOf(result);
    if (this.options.trace && result.edges) {
      // A trace that cannot be written (no directory, full disk) is reported; the run already ended cleanly.
      const unwritten = writeTraceFile(this.options.trace, program, result);
      if (unwritten !== undefined) return this.io.stderr.write(unwritten), code === ExitCode.OK ? TRACE_UNWRITTEN : code;
      this.io.stderr.write(`pinseq: wrote ${result.edges.length} edges to ${this.options.trace}\n`);
    }
    return code;
  }
}

/**
 * `--watch`: the library's {@link WatchedRun} plays and reloads; this prints what it
 * does. When the program ends by itself, pinseq waits for the next save to play again.
 * Ctrl-C (or a backend that cannot be used at all) ends it all.
 */
async function watchAndPlay(io: CliIo, file: string, params: Record<string, string>, first: CompileResult, session: RunSession): Promise<number> {
  const watched = new WatchedRun(file, session.board, { ...session.runOptions, params, first });
  let lastCode: number = ExitCode.OK;
  // After a bad save, a save that compiles back to the running program deserves a word.
  let broken = false;
  const running = (): boolean => watched.current !== undefined;

  watched.on('start', (live) => session.attach(live));
  watched.on('end', (outcome) => {
    lastCode = session.finish(outcome);
    // Only Ctrl-C, or a backend that cannot be used at all, ends a watch; a script error waits for a fix.
    if (outcome.signal || lastCode === ExitCode.BACKEND) return void watched.stop();
    const how = outcome.status === 'ended' ? 'ended' : 'failed';
    io.stderr.write(`pinseq: ${file} ${how}; ${watched.queued ? 'playing the saved version' : 'waiting for a change (Ctrl-C to quit)'}\n`);
  });
  watched.on('reload', (reload) => {
    broken = false;
    // The errors of a bad save were printed; the warnings of a good one are worth seeing too.
    reportDiagnostics(io, reload.result.diagnostics, reload.result.sources);
    io.stderr.write(`reloaded ${file} (${Math.round(reload.ms)} ms)\n`);
  });
  watched.on('refused', (reason) => io.stderr.write(`pinseq: not reloaded: ${reason} The saved version plays when the current run ends.\n`));
  watched.on('unchanged', () => {
    if (!running()) io.stderr.write(`pinseq: ${file} saved with the same program; playing it again\n`);
    else if (broken) io.stderr.write(`pinseq: ${file} compiles again, to the program already running\n`);
    broken = false;
  });
  watched.on('failed', (result) => {
    broken = true;
    reportDiagnostics(io, result.diagnostics, result.sources);
    io.stderr.write(`pinseq: ${file} has errors; ${running() ? 'the running program carries on' : 'waiting for a fix'}\n`);
  });
  watched.on('deleted', (path) => io.stderr.write(`pinseq: ${relativeToWorkingDirectory(path)} was deleted; ${running() ? 'the running program carries on' : 'waiting for it'}\n`));
  watched.on('watchFailed', (e) => io.stderr.write(`pinseq: watching failed: ${e.message}\n`));
  watched.on('ready', () => io.stderr.write(`pinseq: watching ${describeWatched(file, watched.files.length)} (Ctrl-C to quit)\n`));

  // While a run is live, the runtime turns SIGINT/SIGTERM into a clean stop; between runs, we do.
  let interruptedIdle = false;
  const idleStop = (): void => {
    if (running()) return;
    interruptedIdle = true;
    void watched.stop();
  };
  process.on('SIGINT', idleStop);
  process.on('SIGTERM', idleStop);
  try {
    await watched.closed;
  } finally {
    process.off('SIGINT', idleStop);
    process.off('SIGTERM', idleStop);
  }
  return interruptedIdle ? ExitCode.INTERRUPTED : lastCode;
}

// `a.gpio`, or `a.gpio and 2 imported files`.
function describeWatched(file: string, count: number): string {
  if (count <= 1) return file;
  return `${file} and ${count - 1} imported file${count === 2 ? '' : 's'}`;
}
