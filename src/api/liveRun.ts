/**
 * A run in progress, as the library hands it out: the runtime's handle plus what only
 * the host knows, the source. A run error carries the index of the op that failed; the
 * outcome maps it back to the script's file, line and column.
 */
import type { Program, ProgramSpan } from '../../runtime/program/program.js';
import type { RunHandle } from '../../runtime/run/run.js';
import type { RunEvent, RunResult } from '../../runtime/run/runResult.js';
import { spanOfOp } from '../host/locateOp.js';
import { CompileError } from './language.js';

/** How a run ended, with its error (if any) located in the script. */
export interface RunOutcome extends RunResult {
  /** The program that was running when the run ended (the last one, after hot reloads). */
  readonly program: Program;
  /** Where in the script the run failed, when it failed at an op. */
  readonly errorAt?: ProgramSpan | undefined;
}

/** A live run. */
export interface LiveRun {
  /** Settles when the run has ended, its exit block has run and the backend is closed. Never rejects. */
  readonly result: Promise<RunOutcome>;
  /** Stops the run: the exit block runs and pin functions are restored (a second call abandons the exit block). */
  stop(): void;
  /** Current level words, one per 32-pin bank, as of the last wait. */
  levels(): Uint32Array;
  /** The current level of one pin (0 or 1), as of the last wait. */
  level(pin: number): 0 | 1;
  /**
   * Hot reload: compiles `script` (text, `{ file }` or a Program) and, if it is good,
   * it takes over at the next iteration boundary of the outermost loop. A script that
   * does not compile throws a {@link CompileError}; the running program is untouched.
   */
  replace(script: string | { readonly file: string } | Program): { readonly accepted: boolean; readonly reason?: string };
  /** The program playing now (it changes when a replacement takes over, not when it is accepted). */
  program(): Program;
  /** Takes `program`, which differs from the newest one only in source locations, for locating errors from now on. */
  relocate(program: Program): void;
}

/**
 * Follows which program is running, so a run error is located in the right one after a
 * hot reload: replacements are numbered in the order the runtime accepted them, and the
 * `replaced` event says which one took over.
 */
export class ProgramTracker {
  private readonly accepted = new Map<number, Program>();
  private count = 0;

  constructor(public current: Program) {}

  /** Notes an accepted replacement (call in acceptance order). */
  accept(program: Program): void {
    this.accepted.set(++this.count, program);
  }

  /**
   * Swaps in `program` for the newest program handed to the run: the same code with
   * other source locations (a save that only moved lines), so errors point at the right lines.
   */
  relocate(program: Program): void {
    if (this.accepted.size > 0) this.accepted.set(this.count, program);
    else this.current = program;
  }

  /** Feed every run event through here. */
  onEvent(event: RunEvent): void {
    if (event.type !== 'replaced') return;
    this.current = this.accepted.get(event.seq) ?? this.current;
    for (const seq of this.accepted.keys()) if (seq <= event.seq) this.accepted.delete(seq);
  }
}

/** Wraps a runtime handle with source locations and compile-on-replace. */
export function liveRun(handle: RunHandle, tracker: ProgramTracker, toProgram: (script: string | { readonly file: string } | Program) => Program): LiveRun {
  const result = handle.result.then((run): RunOutcome => {
    const program = tracker.current;
    const errorAt = run.error && run.error.pc >= 0 ? spanOfOp(program, run.error.pc) : undefined;
    return { ...run, program, errorAt };
  });
  return {
    result,
    stop: () => handle.stop(),
    levels: () => handle.levels(),
    level: (pin) => ((((handle.levels()[pin >>> 5] ?? 0) >>> (pin & 31)) & 1) as 0 | 1),
    replace: (script) => {
      const program = toProgram(script);
      const answer = handle.replace(program);
      if (answer.accepted) tracker.accept(program);
      return answer;
    },
    program: () => tracker.current,
    relocate: (program) => tracker.relocate(program),
  };
}

export { CompileError };
