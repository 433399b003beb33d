/**
 * Hand-built IR for lowering tests (the elaborator is tested on its own): small
 * constructors that read like the script they stand for, each with a span.
 */
import type { ExecutionContext } from 'ava';
import { OP_LENGTH, type Program } from '../../runtime/program/program.js';
import type { Chip } from '../../src/chips/chip.js';
import type { IrAction, IrDrive, IrInstant, IrLoop, IrMessage, IrMode, IrNode, IrScript, IrWait, IrWaitLevel, ParamValue } from '../../src/compile/ir.js';
import { lowerProgram } from '../../src/compile/lowerProgram.js';
import type { Pull } from '../../src/language/ast.js';
import type { Span } from '../../src/language/span.js';

/** The file every built span belongs to. */
export const FILE = '/scripts/bar.gpio';

/** A span at `line:column`, `length` characters long. */
export function at(line: number, column: number, length = 1): Span {
  const start = line * 100 + column;
  return { file: FILE, start, end: start + length, line, column, endLine: line, endColumn: column + length };
}

const DEFAULT = at(1, 1);

/** `set PINS` as one drive per pin. */
export function set(pins: number | readonly number[], span: Span = DEFAULT): IrDrive[] {
  return list(pins).map((pin) => ({ kind: 'drive', pin, level: 1, span }));
}

/** `clear PINS`. */
export function clear(pins: number | readonly number[], span: Span = DEFAULT): IrDrive[] {
  return list(pins).map((pin) => ({ kind: 'drive', pin, level: 0, span }));
}

/** `toggle PINS`. */
export function toggle(pins: number | readonly number[], span: Span = DEFAULT): IrDrive[] {
  return list(pins).map((pin) => ({ kind: 'drive', pin, level: 'toggle', span }));
}

/** `out PINS`. */
export function out(pins: number | readonly number[], span: Span = DEFAULT): IrMode[] {
  return list(pins).map((pin) => ({ kind: 'mode', pin, fn: 'out', span }));
}

/** `in PINS [pull …]`. */
export function input(pins: number | readonly number[], pull?: Pull, span: Span = DEFAULT): IrMode[] {
  return list(pins).map((pin) => ({ kind: 'mode', pin, fn: 'in', pull, span }));
}

/** `alt N PINS`. */
export function alt(n: number, pins: number | readonly number[], span: Span = DEFAULT): IrMode[] {
  return list(pins).map((pin) => ({ kind: 'mode', pin, fn: 'alt', alt: n, span }));
}

/** One instant holding the given actions (or action lists) in order. */
export function instant(...actions: (IrAction | readonly IrAction[])[]): IrInstant {
  const flat = actions.flat();
  return { kind: 'instant', actions: flat, span: flat[0]?.span ?? DEFAULT };
}

/** `wait ns`. */
export function wait(ns: number, span: Span = DEFAULT): IrWait {
  return { kind: 'wait', ns, span };
}

/** `repeat count < body >` (count Infinity: `forever`). */
export function repeat(count: number, body: readonly IrNode[], span: Span = DEFAULT): IrLoop {
  return { kind: 'loop', count, body, span };
}

/** `repeat count every period < body >`. */
export function every(periodNs: number, count: number, body: readonly IrNode[], span: Span = DEFAULT): IrLoop {
  return { kind: 'loop', count, periodNs, body, span };
}

/** `wait until PIN high|low [timeout t] [else < … >]`. */
export function waitUntil(pin: number, level: 0 | 1, timeoutNs?: number, orElse?: readonly IrNode[], span: Span = DEFAULT): IrWaitLevel {
  return { kind: 'waitLevel', pin, level, timeoutNs, orElse, span };
}

/** `log "text"` or `mark "text"`. */
export function log(text: string, kind: 'log' | 'mark' = 'log', span: Span = DEFAULT): IrMessage {
  return { kind, text, span };
}

/** Options of a hand-built script. */
export interface ScriptOptions {
  readonly onExit?: readonly IrNode[];
  readonly allow?: readonly number[];
  readonly params?: Record<string, ParamValue>;
  readonly pinNames?: Record<number, string>;
}

/** A whole script. */
export function script(body: readonly IrNode[], options: ScriptOptions = {}): IrScript {
  return {
    file: FILE,
    allow: options.allow,
    params: options.params ?? {},
    pinNames: options.pinNames ?? {},
    body,
    onExit: options.onExit ?? [],
  };
}

/** Lowers `ir` and fails the test unless it produced a program without diagnostics. */
export function lowerOk(t: ExecutionContext, ir: IrScript, chip: Chip): Program {
  const result = lowerProgram(ir, chip);
  t.deepEqual(result.diagnostics, []);
  if (!result.program) throw new Error('no program');
  return result.program;
}

/** The ops of `code` as arrays (opcode then operands), so tests can compare op by op. */
export function ops(code: Float64Array): number[][] {
  const result: number[][] = [];
  for (let pc = 0; pc < code.length; pc += OP_LENGTH[code[pc]!]!) result.push(Array.from(code.subarray(pc, pc + OP_LENGTH[code[pc]!]!)));
  return result;
}

function list(pins: number | readonly number[]): readonly number[] {
  return typeof pins === 'number' ? [pins] : pins;
}
