/**
 * The program's pin tables: which pins it may touch, which it makes outputs, which it
 * reads, and which function-select fields it must restore at exit. Also the last line
 * of the `allow` guarantee: a pin outside `allow` never reaches a program.
 */
import type { RegisterLayout, RestoreEntry } from '../../runtime/program/program.js';
import type { Span } from '../language/span.js';
import type { IrNode, IrScript } from './ir.js';
import type { LoweringDiagnostics } from './lowerSafetyNet.js';

/** The pin fields of a Program. */
export interface PinTables {
  readonly pins: readonly number[];
  readonly outputs: readonly number[];
  readonly inputs: readonly number[];
  readonly restore: readonly RestoreEntry[];
}

/**
 * Collects the pin tables of a lowered script from its main and exit code (after the
 * known-level pass, so only toggles left for the runtime count as reads). Reports
 * E_PIN_NOT_ALLOWED for every use of a pin outside `ir.allow`.
 */
export function collectPinTables(ir: IrScript, code: readonly (readonly IrNode[])[], layout: RegisterLayout, report: LoweringDiagnostics): PinTables {
  const allow = ir.allow ? new Set(ir.allow) : undefined;
  const used = new Set<number>();
  const outputs = new Set<number>();
  const inputs = new Set<number>();
  const changedFunction = new Set<number>();
  const use = (pin: number, span: Span): void => {
    used.add(pin);
    if (allow && !allow.has(pin)) {
      report.error('E_PIN_NOT_ALLOWED', span, `GPIO ${pin} is not in the script's allow list.`);
    }
  };
  const visit = (nodes: readonly IrNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'instant') {
        for (const action of node.actions) {
          use(action.pin, action.span);
          if (action.kind === 'mode') {
            changedFunction.add(action.pin);
            if (action.fn === 'out') outputs.add(action.pin);
          } else if (action.level === 'toggle') {
            inputs.add(action.pin);
          }
        }
      } else if (node.kind === 'loop') {
        visit(node.body);
      } else if (node.kind === 'waitLevel') {
        use(node.pin, node.span);
        inputs.add(node.pin);
        if (node.orElse) visit(node.orElse);
      }
    }
  };
  for (const nodes of code) visit(nodes);
  const onChip = (pin: number): boolean => Number.isInteger(pin) && pin >= 0 && pin < layout.gpioCount;
  const ascending = (pins: Iterable<number>): number[] => [...new Set(pins)].filter(onChip).sort((a, b) => a - b);
  return {
    pins: ascending(ir.allow ?? used),
    outputs: ascending(outputs),
    inputs: ascending(inputs),
    restore: restoreEntries(ascending(changedFunction), layout),
  };
}

/** One entry per function-select word, with the fields of every pin whose function changes. */
function restoreEntries(pins: readonly number[], layout: RegisterLayout): RestoreEntry[] {
  const { base, pinsPerWord, bitsPerPin } = layout.functionSelect;
  const fieldMask = (1 << bitsPerPin) - 1;
  const words = new Map<number, number>();
  for (const pin of pins) {
    const offset = base + Math.floor(pin / pinsPerWord) * 4;
    const field = (fieldMask << ((pin % pinsPerWord) * bitsPerPin)) >>> 0;
    words.set(offset, ((words.get(offset) ?? 0) | field) >>> 0);
  }
  return [...words].sort(([a], [b]) => a - b).map(([offset, mask]) => ({ offset, mask }));
}
