/**
 * Reserved names
 *
 * A script is only valid if it declares nothing named like a built-in function.
 */
import { error } from '../../diagnostics/diagnostic.js';
import { declarationLabel } from '../declaration.js';
import type { SourceRuleContext } from '../rule.js';

/** Reports E_RESERVED_NAME for a declaration that would hide a built-in. */
export function reservedNamesRule({ resolution, report }: SourceRuleContext): void {
  for (const declaration of resolution.reserved) {
    report(error('E_RESERVED_NAME', declaration.name.span,
      `"${declaration.name.name}" is a built-in function and cannot be the name of a ${declarationLabel(declaration)}.`,
      'Choose another name.'));
  }
}
