/**
 * The checker's entry point for `pinseq check`: every diagnostic of a program, errors
 * and warnings. Some rules need the elaborated IR (instants exist only after defs are
 * expanded and loops unrolled), so checking is elaborating and keeping the diagnostics.
 */
import { type ElaborateOptions, elaborate } from '../compile/elaborate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ScriptSources } from './scriptSources.js';

/** Returns every diagnostic of the program, sorted by file and position. Never throws on bad input. */
export function checkScript(sources: ScriptSources, options: ElaborateOptions): Diagnostic[] {
  return elaborate(sources, options).diagnostics;
}
