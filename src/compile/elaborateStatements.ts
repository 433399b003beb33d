/**
 * Elaborating statements into IR: pin statements become actions in instants, waits and
 * runtime loops become nodes, `for` loops are unrolled and def calls expanded in place.
 * Names come from the checker's resolution; values from {@link evaluate}.
 */
import { error } from '../diagnostics/diagnostic.js';
import type { Block, CallStmt, DefDecl, DriveStmt, EveryStmt, ForeverStmt, ForStmt, ModeStmt, PinDecl, RepeatStmt, Statement, WaitUntilStmt, WriteStmt } from '../language/ast.js';
import { joinSpans } from '../language/span.js';
import type { EvaluationContext } from './evaluationContext.js';
import { evaluate, evaluateList, evaluatePinList } from './evaluateExpr.js';
import type { ExpansionBudget } from './expansionBudget.js';
import { expectCount, expectDuration, expectWholeNumber } from './expectValue.js';
import type { IrMode, IrNode } from './ir.js';
import { IrSequence } from './irSequence.js';
import { numberValue, pinsValue, rangeItems, rangeLength, typeName, type Value } from './values.js';

/** The value of a `pin NAME = PINS` alias: its pins in order, or undefined after an error. */
export function pinAliasValue(statement: PinDecl, ctx: EvaluationContext): Value | undefined {
  const list = evaluatePinList(statement.pins, ctx);
  return list.complete ? pinsValue(list.pins.map((use) => use.pin)) : undefined;
}

/** Turns statements into IR, one elaboration (one program) per instance. */
export class StatementElaborator {
  /** The defs being expanded, innermost last: a guard against recursion the checker reported. */
  private readonly expanding: DefDecl[] = [];

  constructor(private readonly budget: ExpansionBudget) {}

  /**
   * Elaborates `statements` into `out`. At the top level, definitions and `on exit` are
   * skipped (the caller handles them); inside blocks, pins and consts bind locally.
   */
  statements(statements: readonly Statement[], ctx: EvaluationContext, out: IrSequence, topLevel: boolean): void {
    for (const statement of statements) {
      if (!this.budget.spend(1, statement.span)) return;
      this.statement(statement, ctx, out, topLevel);
    }
  }

  /** Elaborates a block as its own node list (a loop body, an else or on exit block). */
  sequence(block: Block, ctx: EvaluationContext): IrNode[] {
    const out = new IrSequence();
    if (this.budget.enter(block.span)) {
      this.statements(block.statements, ctx, out, false);
      this.budget.leave();
    }
    return out.finish();
  }

  private statement(statement: Statement, ctx: EvaluationContext, out: IrSequence, topLevel: boolean): void {
    switch (statement.kind) {
      case 'PinDecl':
      case 'ConstDecl':
      case 'ParamDecl': {
        if (topLevel) return;
        const declaration = ctx.resolution.declarations.get(statement);
        const value = statement.kind === 'PinDecl' ? pinAliasValue(statement, ctx) : evaluateList(statement.value, ctx);
        if (declaration) ctx.bindings.bind(declaration, value);
        return;
      }
      case 'Mode':
        return this.mode(statement, ctx, out);
      case 'Drive':
        return this.drive(statement, ctx, out);
      case 'Write':
        return this.write(statement, ctx, out);
      case 'Wait': {
        const ns = expectDuration(evaluate(statement.duration, ctx), statement.duration, ctx, 'A wait');
        if (ns) out.push({ kind: 'wait', ns, span: statement.span });
        else out.endInstant();
        return;
      }
      case 'WaitUntil':
        return this.waitUntil(statement, ctx, out);
      case 'Repeat':
      case 'Forever':
      case 'Every':
        return this.loop(statement, ctx, out);
      case 'For':
        return this.unroll(statement, ctx, out);
      case 'CallStmt':
        return this.expand(statement, ctx, out);
      case 'Log':
      case 'Mark':
        out.message({ kind: statement.kind === 'Log' ? 'log' : 'mark', text: statement.text.value, span: statement.span });
        return;
      case 'DefDecl':
      case 'Import':
      case 'Chip':
      case 'Allow':
      case 'OnExit':
        // Definitions and settings: handled before the walk, or reported by the checker when misplaced.
        return;
    }
  }

  private drive(statement: DriveStmt, ctx: EvaluationContext, out: IrSequence): void {
    const { pins } = evaluatePinList(statement.pins, ctx);
    if (!this.budget.spend(pins.length, statement.span)) return;
    const level = statement.action === 'set' ? 1 : statement.action === 'clear' ? 0 : 'toggle';
    for (const { pin, span } of pins) out.action({ kind: 'drive', pin, level, span }, statement.span);
  }

  private mode(statement: ModeStmt, ctx: EvaluationContext, out: IrSequence): void {
    const alt = statement.mode === 'alt' ? this.altFunction(statement, ctx) : undefined;
    const { pins } = evaluatePinList(statement.pins, ctx);
    if ((statement.mode === 'alt' && alt === undefined) || !this.budget.spend(pins.length, statement.span)) return;
    for (const { pin, span } of pins) {
      const action: IrMode = { kind: 'mode', pin, fn: statement.mode, span };
      out.action(alt !== undefined ? { ...action, alt } : statement.pull ? { ...action, pull: statement.pull } : action, statement.span);
    }
  }

  private altFunction(statement: ModeStmt, ctx: EvaluationContext): number | undefined {
    if (!statement.alt) return undefined;
    const n = expectWholeNumber(evaluate(statement.alt, ctx), statement.alt.span, ctx, 'An alternate function number');
    if (n === undefined) return undefined;
    const count = ctx.chip.altCodes.length;
    if (n >= 0 && n < count) return n;
    ctx.sink.report(error('E_ALT_FUNCTION', statement.alt.span, `Chip "${ctx.chip.name}" has alternate functions 0 to ${count - 1}; there is no alt ${n}.`));
    return undefined;
  }

  private write(statement: WriteStmt, ctx: EvaluationContext, out: IrSequence): void {
    const list = evaluatePinList(statement.pins, ctx);
    const value = expectWholeNumber(evaluate(statement.value, ctx), statement.value.span, ctx, 'A write value');
    if (!list.complete || value === undefined || !this.budget.spend(list.pins.length, statement.span)) return;
    const width = list.pins.length;
    const bits = BigInt(value);
    if (bits < 0n || bits >> BigInt(width) !== 0n) {
      const needs = bits < 0n ? 'is negative, so it has bits set beyond any width' : `needs ${bits.toString(2).length} bits`;
      ctx.sink.report(error('E_WRITE_WIDTH', statement.value.span, `The value ${value} ${needs}, but the pin list has ${width} pin${width === 1 ? '' : 's'}.`,
        `Mask it to the width, as in "(…) & ${(1n << BigInt(width)) - 1n}".`));
      return;
    }
    list.pins.forEach(({ pin, span }, i) => {
      out.action({ kind: 'drive', pin, level: (bits >> BigInt(i)) & 1n ? 1 : 0, span }, statement.span);
    });
  }

  private waitUntil(statement: WaitUntilStmt, ctx: EvaluationContext, out: IrSequence): void {
    const list = evaluatePinList(statement.pins, ctx);
    const timeoutNs = statement.timeout ? expectDuration(evaluate(statement.timeout, ctx), statement.timeout, ctx, 'A timeout') : undefined;
    const orElse = statement.orElse ? this.sequence(statement.orElse, ctx) : undefined;
    const [first, last] = [statement.pins[0], statement.pins[statement.pins.length - 1]];
    if (list.complete && list.pins.length !== 1 && first && last) {
      ctx.sink.report(error('E_WAIT_UNTIL_PINS', joinSpans(first.span, last.span), `wait until watches exactly one pin, but this is ${list.pins.length} pins.`,
        'Wait for each pin in turn, one wait until per pin.'));
    }
    const pin = list.pins[0]?.pin;
    if (!list.complete || list.pins.length !== 1 || pin === undefined || (statement.timeout && timeoutNs === undefined)) {
      out.endInstant();
      return;
    }
    out.push({
      kind: 'waitLevel', pin, level: statement.level === 'high' ? 1 : 0, span: statement.span,
      ...(timeoutNs !== undefined ? { timeoutNs } : {}),
      ...(orElse ? { orElse } : {}),
    });
  }

  private loop(statement: RepeatStmt | ForeverStmt | EveryStmt, ctx: EvaluationContext, out: IrSequence): void {
    const count = statement.kind === 'Repeat' ? expectCount(evaluate(statement.count, ctx), statement.count.span, ctx, 'A repeat count') : Infinity;
    const periodExpr = statement.kind === 'Every' ? statement.period : statement.kind === 'Repeat' ? statement.every : undefined;
    const periodNs = periodExpr ? expectDuration(evaluate(periodExpr, ctx), periodExpr, ctx, 'An every loop') : undefined;
    if (periodExpr && periodNs === 0) {
      ctx.sink.report(error('E_ZERO_PERIOD', periodExpr.span, 'The period of an every loop must be longer than zero.'));
    }
    const body = this.sequence(statement.body, ctx);
    if (count === undefined || (periodExpr && !periodNs)) {
      out.endInstant();
      return;
    }
    out.push({ kind: 'loop', count, ...(periodNs ? { periodNs } : {}), body, span: statement.span });
  }

  /** `for`: the body once per item, in the same sequence (no instant ends between iterations). */
  private unroll(statement: ForStmt, ctx: EvaluationContext, out: IrSequence): void {
    this.budget.beginExpansion(statement.span);
    const items = this.forItems(statement, ctx);
    const variable = ctx.resolution.declarations.get(statement);
    if (items && variable && this.budget.enter(statement.body.span)) {
      for (const item of items) {
        if (this.budget.exhausted) break;
        ctx.bindings.bind(variable, item);
        this.statements(statement.body.statements, ctx, out, false);
      }
      this.budget.leave();
    }
    this.budget.endExpansion();
  }

  /** What a `for` goes over: each pin of a pin list, each integer of a range, or the numbers and durations listed. */
  private forItems(statement: ForStmt, ctx: EvaluationContext): Value[] | undefined {
    const items: Value[] = [];
    for (const expr of statement.items) {
      const value = evaluate(expr, ctx);
      if (!value) return undefined;
      if (value.type === 'range') {
        if (!this.budget.spend(rangeLength(value), expr.span)) return undefined;
        for (const n of rangeItems(value)) items.push(numberValue(n));
      } else if (value.type === 'pins') {
        for (const pin of value.pins) items.push(pinsValue([pin]));
      } else if (value.type === 'string') {
        ctx.sink.report(error('E_TYPE', expr.span, `A for loop goes over pins, numbers or durations, not ${typeName(value)}.`));
        return undefined;
      } else {
        items.push(value);
      }
    }
    return items;
  }

  /** A def call: the body elaborated in place with the arguments bound. */
  private expand(call: CallStmt, ctx: EvaluationContext, out: IrSequence): void {
    const target = ctx.resolution.targets.get(call);
    // Unknown callees, wrong argument counts and recursion were reported by the checker.
    if (target?.kind !== 'def') return;
    const def = target.node;
    if (call.args.length !== def.params.length || this.expanding.includes(def)) return;
    const inner: EvaluationContext = { ...ctx, bindings: ctx.bindings.forExpansion() };
    def.params.forEach((name, i) => {
      const argument = ctx.resolution.declarations.get(name);
      if (argument) inner.bindings.bind(argument, evaluate(call.args[i]!, ctx));
    });
    if (!this.budget.enter(call.span)) return;
    this.expanding.push(def);
    this.budget.beginExpansion(call.span);
    ctx.sink.duringExpansion(def.name.name, call.span, () => this.statements(def.body.statements, inner, out, false));
    this.budget.endExpansion();
    this.expanding.pop();
    this.budget.leave();
  }
}
