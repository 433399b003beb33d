/**
 * Runs the checker's rules: the source rules before elaboration (over the parsed files
 * and their name resolution) and the IR rules after it (over the elaborated script).
 * The list of rules is here, in the order their diagnostics are most useful.
 */
import type { Chip } from '../chips/chip.js';
import type { IrScript } from '../compile/ir.js';
import type { DiagnosticSink } from './diagnosticSink.js';
import { type NameResolution, resolveNames } from './resolveNames.js';
import type { IrRule, SourceRule } from './rule.js';
import { allowedPinsRule } from './rules/allowedPinsRule.js';
import { callArgumentsRule } from './rules/callArgumentsRule.js';
import { chipStatementRule } from './rules/chipStatementRule.js';
import { exitBlockRule } from './rules/exitBlockRule.js';
import { exitEndsRule } from './rules/exitEndsRule.js';
import { importedDefinitionsRule } from './rules/importedDefinitionsRule.js';
import { knownNamesRule } from './rules/knownNamesRule.js';
import { nestingLimitRule } from './rules/nestingLimitRule.js';
import { noRecursionRule } from './rules/noRecursionRule.js';
import { outputBeforeDriveRule } from './rules/outputBeforeDriveRule.js';
import { reachableCodeRule } from './rules/reachableCodeRule.js';
import { reservedNamesRule } from './rules/reservedNamesRule.js';
import { sameInstantRule } from './rules/sameInstantRule.js';
import { topLevelRule } from './rules/topLevelRule.js';
import { uniqueNamesRule } from './rules/uniqueNamesRule.js';
import { unusedNamesRule } from './rules/unusedNamesRule.js';
import { zeroWidthPulseRule } from './rules/zeroWidthPulseRule.js';
import type { ScriptSources } from './scriptSources.js';

/** The rules over the parsed files, run after name resolution. */
export const sourceRules: readonly SourceRule[] = [
  chipStatementRule,
  importedDefinitionsRule,
  topLevelRule,
  exitBlockRule,
  knownNamesRule,
  uniqueNamesRule,
  reservedNamesRule,
  callArgumentsRule,
  noRecursionRule,
  reachableCodeRule,
  unusedNamesRule,
];

/** The rules over the elaborated script. */
export const irRules: readonly IrRule[] = [allowedPinsRule, exitEndsRule, outputBeforeDriveRule, sameInstantRule, zeroWidthPulseRule];

/**
 * Checks the parsed files: nesting first (every later pass recurses), then name
 * resolution and the source rules. Returns the resolution for the elaborator, or
 * undefined when the files are nested too deeply to look at safely.
 */
export function checkSources(sources: ScriptSources, sink: DiagnosticSink): NameResolution | undefined {
  const report = sink.report.bind(sink);
  if (!nestingLimitRule(sources, report)) return undefined;
  const resolution = resolveNames(sources);
  for (const rule of sourceRules) rule({ sources, resolution, report });
  return resolution;
}

/** Checks an elaborated script with the IR rules. */
export function checkIr(ir: IrScript, chip: Chip, sink: DiagnosticSink): void {
  const report = sink.report.bind(sink);
  for (const rule of irRules) rule({ ir, chip, report });
}
