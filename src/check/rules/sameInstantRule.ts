/**
 * One level per pin per instant (a warning)
 *
 * A script is only free of this warning if it never both sets and clears a pin in one
 * instant (between two waits): the instant becomes one register write per bank, so
 * only the last level is seen.
 */
import { warning } from '../../diagnostics/diagnostic.js';
import type { IrDrive } from '../../compile/ir.js';
import { forEachIrNodeOfScript } from '../irWalk.js';
import type { IrRuleContext } from '../rule.js';

/** Reports W_SAME_INSTANT at the drive that contradicts an earlier one in its instant. */
export function sameInstantRule({ ir, report }: IrRuleContext): void {
  forEachIrNodeOfScript(ir, (node) => {
    if (node.kind !== 'instant') return;
    const first = new Map<number, IrDrive>();
    const warned = new Set<number>();
    for (const action of node.actions) {
      if (action.kind !== 'drive' || action.level === 'toggle') continue;
      const earlier = first.get(action.pin);
      if (!earlier) {
        first.set(action.pin, action);
      } else if (earlier.level !== action.level && !warned.has(action.pin)) {
        warned.add(action.pin);
        const [was, now] = action.level === 1 ? ['cleared', 'set'] : ['set', 'cleared'];
        report(warning('W_SAME_INSTANT', action.span, `GPIO${action.pin} is ${was} and ${now} in the same instant, so only "${now}" takes effect.`,
          'Put a wait between them to make a pulse.', [{ message: `First ${was} here.`, span: earlier.span }]));
      }
    }
  });
}
