/**
 * The known-level pass: follows each pin's output level through the IR so that a
 * `toggle` of a pin whose level the compiler knows becomes a precomputed set or clear
 * (SPEC §1 "toggle"). Only toggles of pins whose level is unknown are left for the
 * runtime, which must read the level register for them.
 *
 * A level is known after `set`/`clear` (and after a toggle of a known level). Every
 * pin is unknown at program start and at the start of the exit block (which may run
 * after any op). `in` and `alt` make a pin's level unknown: its "current level" is then
 * whatever drives it from outside.
 */
import type { IrAction, IrLoop, IrNode, IrWaitLevel } from './ir.js';

/** Known output levels by pin; a pin that is absent has an unknown level. */
type Levels = ReadonlyMap<number, 0 | 1>;

const UNKNOWN: Levels = new Map();

/**
 * How many times a loop head is recomputed before the pass gives up on it and treats
 * every pin as unknown there. Each round only forgets pins, so a handful of rounds is
 * normally enough; the cap keeps deeply nested loops from costing rounds^depth.
 */
const MAX_LOOP_ROUNDS = 4;

/** Returns `nodes` with every toggle of a known-level pin replaced by a drive to the opposite level. */
export function resolveToggles(nodes: readonly IrNode[]): IrNode[] {
  return walk(nodes, UNKNOWN).nodes;
}

interface Walked {
  readonly nodes: IrNode[];
  /** Levels known after the nodes ran. */
  readonly exit: Levels;
}

function walk(nodes: readonly IrNode[], entry: Levels): Walked {
  // One private copy per block, updated in place: copying per instant made long scripts slow.
  const levels = new Map(entry);
  const out: IrNode[] = [];
  for (const node of nodes) {
    switch (node.kind) {
      case 'instant':
        out.push({ ...node, actions: node.actions.map((action) => resolveAction(action, levels)) });
        break;
      case 'loop': {
        const walked = walkLoop(node, levels);
        out.push(walked.node);
        replaceLevels(levels, walked.exit);
        break;
      }
      case 'waitLevel': {
        const walked = walkWaitLevel(node, levels);
        out.push(walked.node);
        replaceLevels(levels, walked.exit);
        break;
      }
      case 'wait':
      case 'log':
      case 'mark':
        out.push(node);
        break;
    }
  }
  return { nodes: out, exit: levels };
}

function replaceLevels(levels: Map<number, 0 | 1>, next: Levels): void {
  if (next === levels) return;
  levels.clear();
  for (const [pin, level] of next) levels.set(pin, level);
}

/** Applies one action to `levels` (mutating it) and returns the action with a known toggle resolved. */
function resolveAction(action: IrAction, levels: Map<number, 0 | 1>): IrAction {
  if (action.kind === 'mode') {
    if (action.fn !== 'out') levels.delete(action.pin);
    return action;
  }
  if (action.level !== 'toggle') {
    levels.set(action.pin, action.level);
    return action;
  }
  const known = levels.get(action.pin);
  if (known === undefined) return action;
  const level = known === 1 ? 0 : 1;
  levels.set(action.pin, level);
  return { ...action, level };
}

/**
 * A pin is known at the loop head only if it has the same level on entry and after
 * every run of the body: iterate head = meet(entry, body(head)) until it stops
 * changing. Starting from the entry levels, each round can only forget pins.
 */
function walkLoop(loop: IrLoop, entry: Levels): { node: IrLoop; exit: Levels } {
  let head = entry;
  for (let round = 1; ; round++) {
    const body = walk(loop.body, head);
    const next = meet(entry, body.exit);
    // All-unknown is a sound head for any loop, so giving up there is always correct.
    if (head.size === 0 || sameLevels(next, head)) {
      // A loop that runs zero times leaves the entry levels; otherwise the last run's exit.
      return { node: { ...loop, body: body.nodes }, exit: loop.count === 0 ? entry : body.exit };
    }
    head = round < MAX_LOOP_ROUNDS ? next : UNKNOWN;
  }
}

/** The normal path keeps the entry levels; the else path (when it can run) merges in. */
function walkWaitLevel(node: IrWaitLevel, entry: Levels): { node: IrWaitLevel; exit: Levels } {
  if (!node.orElse) return { node, exit: entry };
  const orElse = walk(node.orElse, entry);
  // Without a timeout the else block can never run, so it cannot change what is known after.
  const exit = node.timeoutNs === undefined ? entry : meet(entry, orElse.exit);
  return { node: { ...node, orElse: orElse.nodes }, exit };
}

/** The levels two paths agree on. */
function meet(a: Levels, b: Levels): Levels {
  const both = new Map<number, 0 | 1>();
  for (const [pin, level] of a) {
    if (b.get(pin) === level) both.set(pin, level);
  }
  return both;
}

function sameLevels(a: Levels, b: Levels): boolean {
  if (a.size !== b.size) return false;
  for (const [pin, level] of a) {
    if (b.get(pin) !== level) return false;
  }
  return true;
}
