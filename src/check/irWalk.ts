/**
 * Walking the elaborated IR in program order, for the rules that check it.
 */
import type { IrNode, IrScript } from '../compile/ir.js';

/**
 * Calls `visit` for every node of `nodes` in program order: a loop before its body, a
 * `wait until` before its `else` block. IR nesting is bounded by the elaborator.
 */
export function forEachIrNode(nodes: readonly IrNode[], visit: (node: IrNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'loop') forEachIrNode(node.body, visit);
    else if (node.kind === 'waitLevel' && node.orElse) forEachIrNode(node.orElse, visit);
  }
}

/** Visits the whole script in program order: the body, then the on exit block. */
export function forEachIrNodeOfScript(ir: IrScript, visit: (node: IrNode) => void): void {
  forEachIrNode(ir.body, visit);
  forEachIrNode(ir.onExit, visit);
}
