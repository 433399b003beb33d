/**
 * Only allowed pins
 *
 * A script is only valid if, when it has `allow` statements, every pin it drives,
 * configures or waits on is in them.
 */
import { formatPinList } from '../../compile/formatPinList.js';
import { error } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../language/span.js';
import { forEachIrNodeOfScript } from '../irWalk.js';
import type { IrRuleContext } from '../rule.js';

/** Reports E_PIN_NOT_ALLOWED at each use of a pin outside the allow list. */
export function allowedPinsRule({ ir, report }: IrRuleContext): void {
  if (!ir.allow) return;
  const allowed = new Set(ir.allow);
  const hint = ir.allow.length > 0 ? `The script allows only ${formatPinList(ir.allow)}.` : 'The allow list is empty.';
  const check = (pin: number, span: Span): void => {
    if (!allowed.has(pin)) report(error('E_PIN_NOT_ALLOWED', span, `GPIO${pin} is not in the allow list.`, hint));
  };
  forEachIrNodeOfScript(ir, (node) => {
    if (node.kind === 'instant') for (const action of node.actions) check(action.pin, action.span);
    else if (node.kind === 'waitLevel') check(node.pin, node.span);
  });
}
