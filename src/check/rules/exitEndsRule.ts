/**
 * The exit block ends
 *
 * A script is only valid if its `on exit` block always finishes: no `forever` or
 * `every` loop without a count, and no `wait until` without a timeout, since the block
 * runs while the script is being stopped.
 */
import { error } from '../../diagnostics/diagnostic.js';
import { forEachIrNode } from '../irWalk.js';
import type { IrRuleContext } from '../rule.js';

/** Reports E_EXIT_FOREVER for each endless loop or unbounded wait in the on exit block. */
export function exitEndsRule({ ir, report }: IrRuleContext): void {
  forEachIrNode(ir.onExit, (node) => {
    if (node.kind === 'loop' && node.count === Infinity) {
      report(error('E_EXIT_FOREVER', node.span, 'The on exit block never ends: this loop runs forever.', 'Give the loop a count.'));
    } else if (node.kind === 'waitLevel' && node.timeoutNs === undefined) {
      report(error('E_EXIT_FOREVER', node.span, 'The on exit block could wait here forever.', 'Add a timeout to the wait until.'));
    }
  });
}
