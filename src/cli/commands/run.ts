/** `pinseq run FILE`: compile and play a script on a backend, optionally hot-reloading it. */
import type { Program } from '../../../runtime/program.js';
import { startRun, type RunHandle } from '../../../runtime/run.js';
import type { RunResult } from '../../../runtime/runResult.js';
import { type CompileResult, compileFile } from '../../compile/compileScript.js';
import { decodeDuration } from '../../language/literals.js';
import { ScriptWatcher } from '../../host/watch.js';
import { BACKEND_FORMS, resolveBackend, type ResolvedBackend } from '../backendOption.js';
import { type CliIo, type Command, parseCommandLine, parseParams, relativeToWorkingDirectory, reportDiagnostics, UsageError, withUsage } from '../command.js';
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

  const session = new RunSession(io, backend, { keep: values.keep === true, trace: values.trace, forNs, quiet: values.quiet === true });
  if (!values.watch) return session.play(compiled.program);
  return watchAndPlay(io, file, compileOptions, compiled, session);
}

/** Parses a duration option such as `10s` into nanoseconds. */
export function parseDurationOption(name: string, text: string): number {
  const decoded = decodeDuration(text);
  if (!decoded.ok) throw new UsageError(`${name} expects a duration such as 10s or 250ms, not "${text}".`);
  return decoded.value.ns;
}

interface SessionOptions {
  readonly keep: boolean;
  readonly trace: string | undefined;
  readonly forNs: number | undefined;
  readonly quiet: boolean;
}

/** One program playing on the backend, with its terminal output. */
class RunSession {
  handle: RunHandle | undefined;
  /** The program playing now (a hot reload switches it when the runtime reports the hand-over). */
  program: Program | undefined;
  /** Replacements the runtime accepted in this run, in order: the runtime numbers them from 1. */
  private accepted: Program[] = [];
  /** The number of the replacement that took over last (0: the first program still plays). */
  private taken = 0;

  constructor(
    private readonly io: CliIo,
    private readonly backend: ResolvedBackend,
    private readonly options: SessionOptions,
  ) {}

  /** Plays `program` to its end and returns the exit code. */
  async play(program: Program): Promise<number> {
    const result = await this.start(program);
    return this.finish(result);
  }

  /** Starts `program`; resolves when it settles. */
  start(program: Program): Promise<RunResult> {
    this.program = program;
    this.accepted = [];
    this.taken = 0;
    const live = this.backend.spec.kind === 'sim' && this.io.stdout.isTTY && !this.options.quiet;
    let view: LiveView | undefined;
    const handle = startRun(program, {
      backend: this.backend.spec,
      keep: this.options.keep,
      trace: this.options.trace !== undefined,
      forNs: this.options.forNs,
      onEvent: (event) => {
        // Overruns and run errors are located in the program that was playing, which changes here, not when replace() was called.
        if (event.type === 'replaced') {
          this.taken = event.seq;
          this.program = this.accepted[event.seq - 1] ?? this.program;
        }
        const line = formatEvent(event, this.program ?? program);
        if (!line) return;
        if (line.stream === 'stdout' && view) view.print(line.text);
        else this.io[line.stream].write(line.text);
      },
    });
    this.handle = handle;
    if (live) view = new LiveView(this.io.stdout, program, () => handle.levels());
    return handle.result.finally(() => view?.stop());
  }

  /** Hands `program` to the live run (hot reload); see {@link RunHandle.replace}. */
  replace(program: Program): { readonly accepted: boolean; readonly reason?: string } {
    const answer = this.handle?.replace(program) ?? { accepted: false, reason: 'Nothing is running.' };
    if (answer.accepted) this.accepted.push(program);
    return answer;
  }

  /**
   * Swaps in `program`, which behaves as the newest program handed to the run and differs
   * only in source locations (a save that moved code), so errors point at the right lines.
   */
  relocate(program: Program): void {
    if (this.accepted.length > this.taken) this.accepted[this.accepted.length - 1] = program;
    else this.program = program;
  }

  /** Reports a settled run and returns its exit code. */
  finish(result: RunResult): number {
    const program = this.program!;
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
 * `--watch`: the first program plays; each good save replaces it at the next
 * outermost-loop boundary; a bad save only prints diagnostics. When the program ends
 * by itself, pinseq waits for the next save to play again. Ctrl-C ends it all.
 */
async function watchAndPlay(io: CliIo, file: string, options: { chip?: string | undefined; params: Record<string, string> }, first: CompileResult, session: RunSession): Promise<number> {
  const watcher = new ScriptWatcher(file, options, first);
  let running = false;
  let lastCode: number = ExitCode.OK;
  let done = false;
  let wake: () => void = () => undefined;
  // A good save the runtime could not take (the run was already in its exit block, or the
  // program is for another register window): it plays when the current run ends by itself.
  let queued: Program | undefined;
  // After a bad save, a save that compiles back to the running program deserves a word.
  let broken = false;

  const announce = (ms: number): void => void io.stderr.write(`reloaded ${file} (${Math.round(ms)} ms)\n`);
  const play = (program: Program): void => {
    running = true;
    void session.start(program).then((result) => {
      running = false;
      lastCode = session.finish(result);
      // Only Ctrl-C, or a backend that cannot be used at all, ends a watch; a script error waits for a fix.
      if (result.signal || lastCode === ExitCode.BACKEND) done = true;
      else if (queued) {
        const next = queued;
        queued = undefined;
        io.stderr.write(`pinseq: ${file} ${result.status === 'ended' ? 'ended' : 'failed'}; playing the saved version\n`);
        play(next);
      } else io.stderr.write(`pinseq: ${file} ${result.status === 'ended' ? 'ended' : 'failed'}; waiting for a change (Ctrl-C to quit)\n`);
      wake();
    });
  };
  watcher.on('reload', (event) => {
    // After Ctrl-C the watcher is closing: nothing may start again.
    if (done) return;
    broken = false;
    // The errors of a bad save were printed; the warnings of a good one are worth seeing too.
    reportDiagnostics(io, event.result.diagnostics, event.result.sources);
    if (!running) {
      announce(event.ms);
      return play(event.program);
    }
    const answer = session.replace(event.program);
    if (answer.accepted) {
      queued = undefined;
      return announce(event.ms);
    }
    queued = event.program;
    io.stderr.write(`pinseq: not reloaded: ${answer.reason ?? 'refused by the runtime'} The saved version plays when the current run ends.\n`);
  });
  watcher.on('unchanged', (result) => {
    if (done) return;
    if (!result.program) return;
    if (!running) {
      io.stderr.write(`pinseq: ${file} saved with the same program; playing it again\n`);
      play(result.program);
    } else {
      session.relocate(result.program);
      if (broken) io.stderr.write(`pinseq: ${file} compiles again, to the program already running\n`);
    }
    broken = false;
  });
  watcher.on('failed', (result) => {
    broken = true;
    reportDiagnostics(io, result.diagnostics, result.sources);
    io.stderr.write(`pinseq: ${file} has errors; ${running ? 'the running program carries on' : 'waiting for a fix'}\n`);
  });
  watcher.on('deleted', (path) => io.stderr.write(`pinseq: ${relativeToWorkingDirectory(path)} was deleted; ${running ? 'the running program carries on' : 'waiting for it'}\n`));
  watcher.on('error', (e) => io.stderr.write(`pinseq: watching failed: ${e.message}\n`));
  watcher.on('ready', () => io.stderr.write(`pinseq: watching ${describeWatched(file, watcher.files.length)} (Ctrl-C to quit)\n`));

  // While a run is live, the runtime turns SIGINT/SIGTERM into a clean stop; between runs, we do.
  let interruptedIdle = false;
  const idleStop = (): void => {
    if (running) return;
    interruptedIdle = true;
    done = true;
    wake();
  };
  process.on('SIGINT', idleStop);
  process.on('SIGTERM', idleStop);
  play(first.program!);
  try {
    while (!done) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    process.off('SIGINT', idleStop);
    process.off('SIGTERM', idleStop);
    await watcher.close();
  }
  return interruptedIdle ? ExitCode.INTERRUPTED : lastCode;
}

// `a.gpio`, or `a.gpio and 2 imported files`.
function describeWatched(file: string, count: number): string {
  if (count <= 1) return file;
  return `${file} and ${count - 1} imported file${count === 2 ? '' : 's'}`;
}
