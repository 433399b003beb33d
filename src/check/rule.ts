/**
 * The shape of a check rule. A rule is one static property a script must have, in its
 * own file under `rules/`, opening with a title and an "A script is only valid if…"
 * sentence. Rules report diagnostics; they never throw and never stop other rules.
 *
 * Source rules look at the parsed files and their name resolution; IR rules look at the
 * elaborated script, where defs are expanded, loops unrolled and instants formed.
 */
import type { Chip } from '../chips/chip.js';
import type { IrScript } from '../compile/ir.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { NameResolution } from './resolveNames.js';
import type { ScriptSources } from './scriptSources.js';

/** What a source rule can see. */
export interface SourceRuleContext {
  readonly sources: ScriptSources;
  readonly resolution: NameResolution;
  report(diagnostic: Diagnostic): void;
}

/** A rule over the parsed files. */
export type SourceRule = (context: SourceRuleContext) => void;

/** What an IR rule can see. */
export interface IrRuleContext {
  readonly ir: IrScript;
  readonly chip: Chip;
  report(diagnostic: Diagnostic): void;
}

/** A rule over the elaborated script. */
export type IrRule = (context: IrRuleContext) => void;
