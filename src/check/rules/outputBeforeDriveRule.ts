/**
 * Outputs before drives (a warning)
 *
 * A script is only free of this warning if it makes a pin an output (`out`) before it
 * first drives it with `set`, `clear`, `toggle` or `write`, in program order. An `out`
 * in the same instant counts, so `set 7; out 7` (the glitch-free way to start high) is
 * fine.
 */
import { formatPinList } from '../../compile/formatPinList.js';
import { warning } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../language/span.js';
import { forEachIrNodeOfScript } from '../irWalk.js';
import type { IrRuleContext } from '../rule.js';

/** Reports W_NOT_OUTPUT at the first drive of each pin never made an output before it, once per place written. */
export function outputBeforeDriveRule({ ir, report }: IrRuleContext): void {
  const outputs = new Set<number>();
  const warned = new Set<number>();
  forEachIrNodeOfScript(ir, (node) => {
    if (node.kind !== 'instant') return;
    for (const action of node.actions) if (action.kind === 'mode' && action.fn === 'out') outputs.add(action.pin);
    // One warning per pin-list expression (`set bar` names five pins), listing its pins.
    const bySpan = new Map<Span, number[]>();
    for (const action of node.actions) {
      if (action.kind !== 'drive' || outputs.has(action.pin) || warned.has(action.pin)) continue;
      warned.add(action.pin);
      bySpan.set(action.span, [...(bySpan.get(action.span) ?? []), action.pin]);
    }
    for (const [span, pins] of bySpan) {
      const [subject, it] = pins.length === 1 ? [`GPIO${pins[0]} is`, 'it'] : [`Pins ${formatPinList(pins)} are`, 'them'];
      report(warning('W_NOT_OUTPUT', span, `${subject} driven but the script never made ${it} an output before this.`,
        `Add "out ${formatPinList(pins)}" before it (otherwise the pin keeps whatever function it had before the run).`));
    }
  });
}
