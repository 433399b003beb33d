/**
 * Maps an op index of a compiled program back to its source location, through the
 * program's span table. This is how run errors, overruns and marks are reported in
 * terms of the script, while the runtime itself knows nothing of the language.
 */
import type { Program, ProgramSpan } from '../../runtime/program/program.js';

/** The source span of the op at `pc` (or of the nearest op before it that has one). */
export function spanOfOp(program: Program, pc: number): ProgramSpan | undefined {
  for (let i = Math.min(pc, program.opSpans.length - 1); i >= 0; i--) {
    const index = program.opSpans[i]!;
    if (index >= 0) return program.spans[index];
  }
  return undefined;
}

/** `FILE:LINE:COL` of the op at `pc`, or `op PC` when the program has no span for it. */
export function locateOp(program: Program, pc: number): string {
  const span = spanOfOp(program, pc);
  return span ? `${span.file}:${span.line}:${span.column}` : `op ${pc}`;
}
