/**
 * Unique names
 *
 * A script is only valid if no name is declared twice in one scope: the globals (pin
 * aliases, consts, params and defs of the script and everything it imports) share one
 * scope; a def's parameters and a block's locals each form their own.
 */
import { error } from '../../diagnostics/diagnostic.js';
import { declarationLabel } from '../declaration.js';
import type { SourceRuleContext } from '../rule.js';

/** Reports E_DUPLICATE_NAME at the second declaration, pointing back at the first. */
export function uniqueNamesRule({ resolution, report }: SourceRuleContext): void {
  for (const { declaration, previous } of resolution.duplicates) {
    const at = previous.name.span;
    const where = at.file === declaration.name.span.file ? `line ${at.line}` : `${at.file}:${at.line}`;
    report(error('E_DUPLICATE_NAME', declaration.name.span,
      `"${declaration.name.name}" is already defined, as a ${declarationLabel(previous)} on ${where}.`,
      'Give one of them another name.', [{ message: 'First defined here.', span: at }]));
  }
}
