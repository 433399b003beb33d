/**
 * Unused names (a warning)
 *
 * A script is only free of this warning if it uses every pin alias, const, param and
 * def it declares. Only the main file is checked: a library module is expected to
 * offer more than any one script uses.
 */
import { warning } from '../../diagnostics/diagnostic.js';
import { type Declaration, describeDeclaration } from '../declaration.js';
import type { SourceRuleContext } from '../rule.js';

/** Reports W_UNUSED for main-file declarations nothing refers to. */
export function unusedNamesRule({ sources, resolution, report }: SourceRuleContext): void {
  // Declarations another rule already complains about: a second warning would only repeat it.
  const reported = new Set<Declaration>([
    ...resolution.duplicates.map((d) => d.declaration),
    ...resolution.reserved,
    ...resolution.unresolved.flatMap((u) => (u.laterDefinition ? [u.laterDefinition] : [])),
  ]);
  for (const declaration of resolution.declarations.values()) {
    if (declaration.kind === 'argument' || declaration.kind === 'loopVariable' || reported.has(declaration)) continue;
    if (declaration.name.span.file !== sources.main.file || resolution.used.has(declaration)) continue;
    const text = describeDeclaration(declaration);
    report(warning('W_UNUSED', declaration.name.span, `The ${text} is never used.`, 'Remove it, or use it.'));
  }
}
