/**
 * Loop kernels: a specialised JavaScript function per store-only loop, generated when a
 * program is loaded, so playing `repeat N < set 7; wait 0; clear 7; wait 0 >` into a
 * mapped window costs what the stores cost.
 *
 * Why generate code: the interpreter (runtime/executor/executor.ts) pays a dispatch on the opcode,
 * operand loads from `code`, and the loop bookkeeping per op — ~25 ns an instant, against
 * ~0.2 ns for a store. A kernel is the loop body written out with its offsets and masks
 * as literals (`regs[7] = 128; regs[10] = 128;`), which V8 compiles to straight 32-bit
 * `mov`s into the mapping (reference/node-measurements.md §1.3), unrolled a few times.
 *
 * Only the simplest loops get one: a `LOOP … NEXT` whose body is WRITE, RMW and COMMIT
 * ops only (no waits, no reads for toggles, no marks, no nested loops), on a backend
 * whose stores are the effect (mmap: no flush, no trace), on the real clock. Everything
 * else stays with the interpreter, which remains the reference: the kernels are tested
 * against it on the same programs (test/runtime/loopKernels.test.ts).
 *
 * A kernel checks the control doorbell once per chunk of ~{@link CHUNK_STORES} stores
 * (a few microseconds) and returns at that iteration boundary when it rang, so stop and
 * hot reload are handled by the interpreter's NEXT exactly as without kernels.
 */
import { Control } from '../run/control.js';
import { Op, OP_LENGTH } from '../program/program.js';

/**
 * Runs up to `count` iterations (Infinity for `forever`) of one loop body against `regs`.
 * Returns the iterations done: `count`, or fewer (at least one) when the doorbell word of
 * `control` stopped being `bell`.
 */
export type LoopKernel = (regs: Uint32Array, count: number, control: Int32Array, bell: number) => number;

/** The kernels of one program, indexed by the pc of their LOOP op. */
export interface LoopKernels {
  /** The kernel for the LOOP at pc, or null. */
  readonly at: readonly (LoopKernel | null)[];
  /** COMMITs (instants) per iteration of the loop at pc. */
  readonly commits: Int32Array;
  /** The pc of the loop's NEXT, where an interrupted kernel hands back to the interpreter. */
  readonly next: Int32Array;
  /** How many loops got a kernel. */
  readonly count: number;
}

/** Stores between doorbell checks: keeps stop and reload latency to a few microseconds. */
export const CHUNK_STORES = 1 << 14;
/** Bodies longer than this stay interpreted: the generated function stays small. */
export const MAX_KERNEL_STORES = 64;
/** How many stores one unrolled pass aims for. */
const UNROLL_STORES = 16;

/** Finds every store-only loop in `code` and generates its kernel. */
export function compileLoopKernels(code: Float64Array): LoopKernels {
  const at: (LoopKernel | null)[] = new Array<LoopKernel | null>(code.length).fill(null);
  const commits = new Int32Array(code.length);
  const next = new Int32Array(code.length).fill(-1);
  let count = 0;
  for (let pc = 0; pc < code.length; pc += OP_LENGTH[code[pc]!] ?? 1) {
    if (code[pc] !== Op.LOOP) continue;
    const body = storeOnlyBody(code, pc);
    const kernel = body === undefined ? undefined : generateKernel(body.statements);
    if (body === undefined || kernel === undefined) continue;
    at[pc] = kernel;
    commits[pc] = body.commits;
    next[pc] = body.nextPc;
    count++;
  }
  return { at, commits, next, count };
}

/** The JS statements of the loop at `loopPc` when its body is store-only, else undefined. */
function storeOnlyBody(code: Float64Array, loopPc: number): { statements: string[]; commits: number; nextPc: number } | undefined {
  const bodyPc = loopPc + OP_LENGTH[Op.LOOP]!;
  const statements: string[] = [];
  let commits = 0;
  for (let pc = bodyPc; pc < code.length; ) {
    const op = code[pc]!;
    switch (op) {
      case Op.WRITE:
        statements.push(`regs[${code[pc + 1]! >>> 2}] = ${code[pc + 2]! >>> 0};`);
        break;
      case Op.RMW:
        statements.push(`regs[${code[pc + 1]! >>> 2}] = (regs[${code[pc + 1]! >>> 2}] & ${~code[pc + 2]! | 0}) | ${code[pc + 3]! | 0};`);
        break;
      case Op.COMMIT:
        commits++;
        break;
      case Op.NEXT:
        if (code[pc + 1] !== bodyPc || statements.length === 0 || statements.length > MAX_KERNEL_STORES) return undefined;
        return { statements, commits, nextPc: pc };
      default:
        return undefined;
    }
    pc += OP_LENGTH[op]!;
  }
  return undefined;
}

/**
 * Writes the kernel's source and compiles it; undefined where code generation is
 * disallowed (`node --disallow-code-generation-from-strings`): the loop stays interpreted.
 * The operands are numbers from a validated program, never text.
 */
function generateKernel(statements: readonly string[]): LoopKernel | undefined {
  const unroll = Math.max(1, Math.floor(UNROLL_STORES / statements.length));
  const chunk = Math.max(unroll, Math.floor(CHUNK_STORES / statements.length / unroll) * unroll);
  const body = statements.join('\n      ');
  const unrolled = Array.from({ length: unroll }, () => body).join('\n      ');
  const source = `'use strict';
  let done = 0;
  while (done < count) {
    const n = count - done < ${chunk} ? count - done : ${chunk};
    let i = 0;
    for (; i + ${unroll} <= n; i += ${unroll}) {
      ${unrolled}
    }
    for (; i < n; i++) {
      ${body}
    }
    done += n;
    if (Atomics.load(control, ${Control.DOORBELL}) !== bell) break;
  }
  return done;`;
  try {
    return new Function('regs', 'count', 'control', 'bell', source) as LoopKernel;
  } catch {
    return undefined;
  }
}
