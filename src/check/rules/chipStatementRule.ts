/**
 * A known chip, named once
 *
 * A script is only valid if its `chip` statements name a chip pinseq has a register map
 * for, and all name the same one.
 */
import { chipNames, getChip } from '../../chips/index.js';
import { error } from '../../diagnostics/diagnostic.js';
import type { ChipStmt } from '../../language/ast.js';
import type { SourceRuleContext } from '../rule.js';

/** Reports E_UNKNOWN_CHIP and E_CHIP_CONFLICT for the main file's chip statements. */
export function chipStatementRule({ sources, report }: SourceRuleContext): void {
  let first: ChipStmt | undefined;
  for (const statement of sources.main.statements) {
    if (statement.kind !== 'Chip') continue;
    const chip = getChip(statement.name.name);
    if (!chip) {
      report(error('E_UNKNOWN_CHIP', statement.name.span, `Unknown chip "${statement.name.name}".`, `Known chips: ${chipNames().join(', ')}.`));
      continue;
    }
    if (!first) {
      first = statement;
    } else if (getChip(first.name.name)?.layout !== chip.layout) {
      report(error('E_CHIP_CONFLICT', statement.name.span, `The script already names chip "${first.name.name}" on line ${first.span.line}.`,
        'Keep one chip statement.', [{ message: 'The first chip statement.', span: first.span }]));
    }
  }
}
