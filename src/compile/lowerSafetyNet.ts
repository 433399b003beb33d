/**
 * The lowering's safety net: every register the program will touch is checked against
 * the chip's window and forbidden ranges, and every pin against the chip, before a
 * program exists. These errors mean a compiler bug or bad chip data (the checker
 * reports a script's own mistakes first), so they say so.
 */
import type { RegisterLayout } from '../../runtime/program/program.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Span } from '../language/span.js';

/** Collects the lowering's diagnostics, once per (code, place, message): unrolled code repeats spans. */
export class LoweringDiagnostics {
  /** The diagnostics so far, in the order first reported. */
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /** Records an error unless the same one was already reported at the same span. */
  error(code: DiagnosticCode, span: Span, message: string, hint?: string): void {
    const key = `${code}\0${span.file}\0${span.start}\0${span.end}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(error(code, span, message, hint));
  }
}

/** How a register is used: stores must avoid forbidden ranges; reads (levels) need only be inside the window. */
export type RegisterAccess = 'store' | 'read';

/**
 * Checks that `offset` is a 4-aligned word inside the window and, for a store, outside
 * every forbidden range. Reports E_WINDOW_BOUNDS or E_FORBIDDEN_REGISTER at `span`;
 * returns whether the offset is safe.
 */
export function checkRegister(layout: RegisterLayout, offset: number, access: RegisterAccess, span: Span, report: LoweringDiagnostics): boolean {
  if (!Number.isInteger(offset) || offset % 4 !== 0 || offset < 0 || offset + 4 > layout.windowBytes) {
    report.error('E_WINDOW_BOUNDS', span,
      `Register offset ${hex(offset)} is not an aligned word inside the ${layout.windowBytes}-byte register window.`,
      'This is a bug in pinseq or in its chip data; please report it.');
    return false;
  }
  if (access === 'read') return true;
  const range = layout.forbidden.find(([start, end]) => offset < end && offset + 4 > start);
  if (range) {
    report.error('E_FORBIDDEN_REGISTER', span,
      `Register offset ${hex(offset)} lies in the forbidden range ${hex(range[0])}–${hex(range[1])} of the register window.`,
      'This is a bug in pinseq or in its chip data; please report it.');
    return false;
  }
  return true;
}

/**
 * Checks that the chip has `pin`, with a SET, CLEAR and LEVEL register for its bank.
 * Reports E_PIN_RANGE at `span` and returns false when it does not.
 */
export function checkPin(layout: RegisterLayout, pin: number, span: Span, report: LoweringDiagnostics): boolean {
  const bank = Math.floor(pin / 32);
  const banked = layout.set[bank] !== undefined && layout.clear[bank] !== undefined && layout.level[bank] !== undefined;
  if (Number.isInteger(pin) && pin >= 0 && pin < layout.gpioCount && banked) return true;
  report.error('E_PIN_RANGE', span, `The chip has no GPIO ${pin} (it has 0–${layout.gpioCount - 1}).`);
  return false;
}

function hex(value: number): string {
  return Number.isInteger(value) && value >= 0 ? `0x${value.toString(16)}` : String(value);
}
