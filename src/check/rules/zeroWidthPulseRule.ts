/**
 * No zero-width pulse at a loop boundary (a warning)
 *
 * A script is only free of this warning if no loop body ends by changing a pin and
 * begins by changing the same pin back with no wait in between: the last instant of
 * one iteration and the first of the next are the same moment, so the pin only glitches
 * for the time of two register writes (`repeat 5 < set 7; wait 1ms; clear 7 >` never
 * shows pin 7 low).
 *
 * A periodic loop (`every`) starts each iteration on its period, so its boundary has
 * time in it, unless the body's own waits fill the period exactly. The rule assumes a
 * periodic loop also ends on a period boundary; `wait until` counts as time passing.
 */
import type { IrDrive, IrNode } from '../../compile/ir.js';
import { formatPinList } from '../../compile/formatPinList.js';
import { warning } from '../../diagnostics/diagnostic.js';
import { forEachIrNodeOfScript } from '../irWalk.js';
import type { IrRuleContext } from '../rule.js';

/** Reports W_ZERO_WIDTH for each loop whose boundary turns a pin around in no time. */
export function zeroWidthPulseRule({ ir, report }: IrRuleContext): void {
  forEachIrNodeOfScript(ir, (node) => {
    if (node.kind !== 'loop' || node.count < 2) return;
    if (node.periodNs !== undefined && bodyDuration(node.body) !== node.periodNs) return;
    const first = new Map<number, IrDrive>();
    const last = new Map<number, IrDrive>();
    drivesBeforeTime(node.body, first);
    drivesAfterTime(node.body, last);
    const pulsed = [...last.keys()].filter((pin) => {
      const start = first.get(pin);
      return start !== undefined && (start.level !== last.get(pin)!.level || start.level === 'toggle');
    }).sort((a, b) => a - b);
    const pin = pulsed[0];
    if (pin === undefined) return;
    const end = last.get(pin)!;
    const start = first.get(pin)!;
    const subject = pulsed.length === 1 ? `GPIO${pin} is` : `Pins ${formatPinList(pulsed)} are`;
    report(warning('W_ZERO_WIDTH', end.span,
      `${subject} ${verb(end)} at the end of the loop and ${verb(start)} at the start of the next iteration with no wait between: a zero-width pulse.`,
      'Add a wait at the end of the loop body.',
      [{ message: 'The next iteration starts here.', span: start.span }, { message: 'The loop.', span: node.span }]));
  });
}

function verb(drive: IrDrive): string {
  return drive.level === 'toggle' ? 'toggled' : drive.level === 1 ? 'set' : 'cleared';
}

/**
 * Collects into `into` the first drive of each pin made before time first passes in
 * `nodes`; returns true when time does pass.
 */
function drivesBeforeTime(nodes: readonly IrNode[], into: Map<number, IrDrive>): boolean {
  for (const node of nodes) {
    switch (node.kind) {
      case 'instant':
        for (const action of node.actions) if (action.kind === 'drive' && !into.has(action.pin)) into.set(action.pin, action);
        break;
      case 'wait':
      case 'waitLevel':
        return true;
      case 'loop':
        if (node.count === 0) break;
        if (drivesBeforeTime(node.body, into) || node.periodNs !== undefined) return true;
        break;
      case 'log':
      case 'mark':
        break;
    }
  }
  return false;
}

/**
 * Collects into `into` the last drive of each pin made after time last passes in
 * `nodes`; returns true when time passes at all.
 */
function drivesAfterTime(nodes: readonly IrNode[], into: Map<number, IrDrive>): boolean {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    switch (node.kind) {
      case 'instant':
        for (let j = node.actions.length - 1; j >= 0; j--) {
          const action = node.actions[j]!;
          if (action.kind === 'drive' && !into.has(action.pin)) into.set(action.pin, action);
        }
        break;
      case 'wait':
      case 'waitLevel':
        return true;
      case 'loop':
        if (node.count === 0) break;
        // A periodic loop ends on a period boundary: nothing of it is "after time".
        if (node.periodNs !== undefined || drivesAfterTime(node.body, into)) return true;
        break;
      case 'log':
      case 'mark':
        break;
    }
  }
  return false;
}

/** The fixed time `nodes` take, or undefined when it depends on inputs or never ends. */
function bodyDuration(nodes: readonly IrNode[]): number | undefined {
  let total = 0;
  for (const node of nodes) {
    if (node.kind === 'wait') total += node.ns;
    else if (node.kind === 'waitLevel') return undefined;
    else if (node.kind === 'loop') {
      const once = node.periodNs ?? bodyDuration(node.body);
      if (once === undefined || node.count === Infinity) return undefined;
      total += node.count * once;
    }
  }
  return total;
}
