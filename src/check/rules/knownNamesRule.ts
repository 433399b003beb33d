/**
 * Known names
 *
 * A script is only valid if every name it uses is defined: a pin alias, const or param
 * above the use, a def anywhere, a def parameter or loop variable in scope, or the
 * built-in function `bit`.
 */
import { error } from '../../diagnostics/diagnostic.js';
import { BUILTIN_FUNCTIONS, type UnresolvedName } from '../resolveNames.js';
import type { SourceRuleContext } from '../rule.js';
import { closestName } from '../suggestName.js';

/** Reports E_UNKNOWN_NAME for every name that resolved to nothing. */
export function knownNamesRule({ resolution, report }: SourceRuleContext): void {
  const known = new Set<string>();
  for (const declaration of resolution.declarations.values()) known.add(declaration.name.name);
  for (const unresolved of resolution.unresolved) {
    // `bit(…)` as a statement is a misuse of a built-in, reported by the call rule.
    if (unresolved.ref.kind === 'CallStmt' && BUILTIN_FUNCTIONS.has(unresolved.name)) continue;
    report(error('E_UNKNOWN_NAME', unresolved.span, messageFor(unresolved), hintFor(unresolved, known)));
  }
}

function messageFor({ ref, name, laterDefinition }: UnresolvedName): string {
  if (laterDefinition) return `"${name}" is used before its definition.`;
  if (ref.kind === 'CallStmt') return `Unknown def "${name}".`;
  if (ref.kind === 'Call') return `Unknown function "${name}".`;
  return `Unknown name "${name}".`;
}

function hintFor({ ref, name, span, laterDefinition }: UnresolvedName, known: ReadonlySet<string>): string | undefined {
  if (laterDefinition) {
    const at = laterDefinition.name.span;
    const where = at.file === span.file ? `line ${at.line}` : `${at.file}:${at.line}`;
    return `Pins, consts and params must be defined above their first use; "${name}" is defined on ${where}.`;
  }
  const suggestion = closestName(name, ref.kind === 'Call' ? BUILTIN_FUNCTIONS.keys() : known);
  if (suggestion) return `Did you mean "${suggestion}"?`;
  if (ref.kind === 'Call') return `The built-in functions are ${[...BUILTIN_FUNCTIONS.values()].map((f) => f.signature).join(', ')}.`;
  return undefined;
}
