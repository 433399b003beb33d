/**
 * Builds one IR node list, grouping pin actions into instants (SPEC §1 "Instants"):
 * consecutive actions share an instant until something ends it — a wait (even
 * `wait 0`), a `wait until`, or entering or leaving a runtime loop. Def expansion and
 * `for` unrolling add to the same sequence, so they do not end an instant.
 *
 * `log` and `mark` do not end an instant either: one met while an instant is open is
 * held and placed right after that instant, at the same moment.
 */
import type { IrAction, IrLoop, IrMessage, IrNode, IrWait, IrWaitLevel } from './ir.js';
import type { Span } from '../language/span.js';

/** An IR node list under construction. */
export class IrSequence {
  private readonly nodes: IrNode[] = [];
  private actions: IrAction[] = [];
  private instantSpan: Span | undefined;
  private held: IrMessage[] = [];

  /** Adds a pin action to the open instant (opening one at `statement` if none is open). */
  action(action: IrAction, statement: Span): void {
    if (this.actions.length === 0) this.instantSpan = statement;
    this.actions.push(action);
  }

  /** Adds a log or mark at the current moment. */
  message(message: IrMessage): void {
    if (this.actions.length > 0) this.held.push(message);
    else this.nodes.push(message);
  }

  /** Ends the open instant, if any (`wait 0`). */
  endInstant(): void {
    if (this.actions.length === 0) return;
    this.nodes.push({ kind: 'instant', actions: this.actions, span: this.instantSpan! });
    // A loop, not push(...held): a spread of a few hundred thousand held logs overflows the stack.
    for (const message of this.held) this.nodes.push(message);
    this.actions = [];
    this.held = [];
  }

  /** Ends the open instant and appends a node that takes time or is a loop. */
  push(node: IrWait | IrWaitLevel | IrLoop): void {
    this.endInstant();
    this.nodes.push(node);
  }

  /** Ends the open instant and returns the nodes. */
  finish(): IrNode[] {
    this.endInstant();
    return this.nodes;
  }
}
