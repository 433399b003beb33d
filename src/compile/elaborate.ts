/**
 * Elaboration: the parsed files of a program → the IR (SPEC §1 semantics), with every
 * static check on the way. Names are resolved and the source rules run first; then
 * globals are evaluated, params bound, the main script walked (defs expanded, `for`
 * unrolled, instants formed); then the IR rules run over the result.
 */
import type { Chip } from '../chips/chip.js';
import { getChip } from '../chips/index.js';
import { DiagnosticSink } from '../check/diagnosticSink.js';
import { checkIr, checkSources } from '../check/runChecks.js';
import { type ScriptSources, topLevelInOrder } from '../check/scriptSources.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ChipStmt, Script } from '../language/ast.js';
import { type BoundParam, bindParam, type ParamOverride, reportUnknownParams } from './bindParams.js';
import { pinAliasValue, StatementElaborator } from './elaborateStatements.js';
import { Bindings, type EvaluationContext } from './evaluationContext.js';
import { evaluateList, evaluatePinList } from './evaluateExpr.js';
import { ExpansionBudget } from './expansionBudget.js';
import type { IrScript, ParamValue } from './ir.js';
import { IrSequence } from './irSequence.js';

/** What to elaborate for. */
export interface ElaborateOptions {
  /** The chip to check pins and alternate functions against (the caller picks it; see {@link chipStatementOf}). */
  readonly chip: Chip;
  /** Param overrides by name: text read like a script literal (`"10"`, `"250ms"`, `"7..11"`), or numbers. */
  readonly params?: Readonly<Record<string, ParamOverride>> | undefined;
}

/** The IR (absent when there are errors) and every diagnostic, the main file's first, each file's by position. */
export interface ElaborateResult {
  readonly ir?: IrScript | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Returns the main script's first top-level `chip` statement, so a caller can pick the chip before elaborating. */
export function chipStatementOf(script: Script): ChipStmt | undefined {
  for (const statement of script.statements) if (statement.kind === 'Chip') return statement;
  return undefined;
}

/** Checks and elaborates a program. Never throws on bad input; `ir` is undefined when any error was found. */
export function elaborate(sources: ScriptSources, options: ElaborateOptions): ElaborateResult {
  const sink = new DiagnosticSink();
  const resolution = checkSources(sources, sink);
  if (!resolution) return { diagnostics: sink.sorted(sources.main.file) };
  const ctx: EvaluationContext = { chip: options.chip, sink, resolution, bindings: new Bindings() };
  const globals = elaborateGlobals(sources, options.params ?? {}, ctx);

  const budget = new ExpansionBudget(sink);
  const elaborator = new StatementElaborator(budget);
  const body = new IrSequence();
  elaborator.statements(sources.main.statements, ctx, body, true);
  const exit = sources.main.statements.find((s) => s.kind === 'OnExit');
  const onExit = exit ? elaborator.sequence(exit.body, ctx) : [];

  const chipStatement = chipStatementOf(sources.main);
  const ir: IrScript = {
    file: sources.main.file,
    ...(chipStatement ? { chip: { name: getChip(chipStatement.name.name)?.name ?? chipStatement.name.name, span: chipStatement.span } } : {}),
    ...(globals.allow ? { allow: globals.allow } : {}),
    params: globals.params,
    pinNames: globals.pinNames,
    body: body.finish(),
    onExit,
  };
  // After an expansion limit the IR is cut short; rules over it would only add noise.
  if (!budget.exhausted) checkIr(ir, options.chip, sink);
  return { ir: sink.hasErrors ? undefined : ir, diagnostics: sink.sorted(sources.main.file) };
}

/** What the top-level definitions contribute to the IR. */
interface Globals {
  readonly params: Record<string, ParamValue>;
  readonly pinNames: Record<number, string>;
  readonly allow: number[] | undefined;
}

/**
 * Evaluates the global pin aliases, consts and params (with overrides) and the allow
 * list, in program order. Resolution guarantees each only uses globals above it.
 */
function elaborateGlobals(sources: ScriptSources, overrides: Readonly<Record<string, ParamOverride>>, ctx: EvaluationContext): Globals {
  const { main } = sources;
  const params: Record<string, ParamValue> = {};
  const pinNames: Record<number, string> = {};
  let allow: number[] | undefined;
  reportUnknownParams(main, overrides, ctx.sink);
  for (const { script, statement } of topLevelInOrder(sources)) {
    switch (statement.kind) {
      case 'PinDecl': {
        const declaration = ctx.resolution.declarations.get(statement);
        const value = pinAliasValue(statement, ctx);
        if (declaration) ctx.bindings.bindGlobal(declaration, value);
        if (value?.type === 'pins') nameAliasPins(statement.name.name, value.pins, pinNames);
        break;
      }
      case 'ConstDecl': {
        const declaration = ctx.resolution.declarations.get(statement);
        if (declaration) ctx.bindings.bindGlobal(declaration, evaluateList(statement.value, ctx));
        break;
      }
      case 'ParamDecl': {
        const fallback = evaluateList(statement.value, ctx);
        const name = statement.name.name;
        const override = script === main && Object.hasOwn(overrides, name) ? overrides[name] : undefined;
        const bound: BoundParam = script === main ? bindParam(statement, fallback, override, ctx) : { value: fallback, record: undefined };
        const declaration = ctx.resolution.declarations.get(statement);
        if (declaration) ctx.bindings.bindGlobal(declaration, bound.value);
        if (bound.record) params[name] = bound.record;
        break;
      }
      case 'Allow':
        if (script !== main) break;
        allow ??= [];
        for (const { pin } of evaluatePinList(statement.pins, ctx).pins) if (!allow.includes(pin)) allow.push(pin);
        break;
      default:
        break;
    }
  }
  return { params, pinNames, allow };
}

/** Names each pin of an alias for traces: `tx` for a single pin, `bar[0]`…`bar[4]` for a list; the first alias wins. */
function nameAliasPins(name: string, pins: readonly number[], names: Record<number, string>): void {
  pins.forEach((pin, i) => {
    names[pin] ??= pins.length === 1 ? name : `${name}[${i}]`;
  });
}
