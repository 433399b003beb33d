/**
 * No recursion
 *
 * A script is only valid if no def calls itself, directly or through other defs: defs
 * are expanded at compile time, and a recursive one would never finish expanding.
 */
import { error } from '../../diagnostics/diagnostic.js';
import type { CallStmt, DefDecl } from '../../language/ast.js';
import type { SourceRuleContext } from '../rule.js';

/** Reports E_RECURSION at each call that closes a cycle of defs. */
export function noRecursionRule({ resolution, report }: SourceRuleContext): void {
  const finished = new Set<DefDecl>();
  for (const { node: root } of resolution.defs.values()) {
    if (finished.has(root)) continue;
    // Depth-first search with an explicit stack: a chain of defs may be long.
    const path: { def: DefDecl; calls: readonly CallStmt[]; next: number }[] = [];
    const onPath = new Set<DefDecl>();
    const enter = (def: DefDecl): void => {
      path.push({ def, calls: resolution.callsFrom.get(def) ?? [], next: 0 });
      onPath.add(def);
    };
    enter(root);
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      const call = frame.calls[frame.next++];
      if (!call) {
        path.pop();
        onPath.delete(frame.def);
        finished.add(frame.def);
        continue;
      }
      const target = resolution.targets.get(call);
      if (target?.kind !== 'def' || finished.has(target.node)) continue;
      if (onPath.has(target.node)) {
        const start = path.findIndex((f) => f.def === target.node);
        const cycle = [...path.slice(start).map((f) => f.def.name.name), target.name.name];
        const message = cycle.length === 2
          ? `"${target.name.name}" calls itself.`
          : `"${target.name.name}" calls itself through ${cycle.slice(1, -1).map((n) => `"${n}"`).join(', ')} (${cycle.join(' → ')}).`;
        report(error('E_RECURSION', call.callee.span, message, 'Defs are expanded when the script is compiled, so they cannot recurse; use repeat or for instead.'));
        continue;
      }
      enter(target.node);
    }
  }
}
