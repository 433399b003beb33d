/**
 * Params and their overrides (`--param k=v`, `{ params: { k: v } }`). A param's type is
 * its default's: a whole number, a duration, or a pin list (a range counts). An override
 * given as text is read with the script parser, so it is written exactly like a literal
 * in a script (`10`, `0x0A`, `250ms`, `7..11`, `GPIO17`, `BOARD11`, even `2 * 100ms`),
 * but it may not name anything. A number override is taken as is (never as a duration).
 *
 * Overrides have no place in the source, so their diagnostics point at the param's
 * name in its declaration; an override for a param the script does not declare points
 * at line 1, column 1 of the main file.
 */
import { DiagnosticSink } from '../check/diagnosticSink.js';
import { resolveNames } from '../check/resolveNames.js';
import { closestName } from '../check/suggestName.js';
import { error } from '../diagnostics/diagnostic.js';
import type { ParamDecl, Script } from '../language/ast.js';
import { parseScript } from '../language/parse.js';
import { spanAt } from '../language/span.js';
import { Bindings, type EvaluationContext } from './evaluationContext.js';
import { evaluateList } from './evaluateExpr.js';
import { expectPins } from './expectValue.js';
import type { ParamValue } from './ir.js';
import { numberValue, pinsValue, typeName, type Value } from './values.js';

/** A caller's override: text to parse, or a number. */
export type ParamOverride = string | number;

/** What a param is bound to, and how the IR records it. */
export interface BoundParam {
  readonly value: Value | undefined;
  readonly record: ParamValue | undefined;
}

/**
 * Binds one param: the override when there is one and it fits the default's type,
 * otherwise the default. Reports E_TYPE/E_NOT_INTEGER for a default that cannot be a
 * param and E_PARAM_OVERRIDE for an override that does not parse or does not fit.
 */
export function bindParam(statement: ParamDecl, fallback: Value | undefined, override: ParamOverride | undefined, ctx: EvaluationContext): BoundParam {
  const span = statement.value[0]?.span ?? statement.span;
  if (!fallback) return { value: undefined, record: undefined };
  if (fallback.type === 'string' || (fallback.type === 'number' && !Number.isInteger(fallback.value))) {
    const code = fallback.type === 'string' ? 'E_TYPE' : 'E_NOT_INTEGER';
    ctx.sink.report(error(code, span, `A param must be a whole number, a duration or a pin list, but this is ${fallback.type === 'string' ? typeName(fallback) : fallback.value}.`));
    return { value: undefined, record: undefined };
  }
  let value: Value | undefined = fallback;
  if (override !== undefined) {
    const read = readOverride(override, fallback, ctx);
    if ('type' in read) value = read;
    else {
      ctx.sink.report(error('E_PARAM_OVERRIDE', statement.name.span,
        `The value ${JSON.stringify(String(override))} given for param "${statement.name.name}" ${read.problem}`, read.hint));
    }
  }
  return { value, record: recordOf(value, span, ctx) };
}

/** Reports E_UNKNOWN_PARAM for each override the main script declares no param for. */
export function reportUnknownParams(main: Script, overrides: Readonly<Record<string, ParamOverride>>, sink: DiagnosticSink): void {
  const declared = main.statements.flatMap((s) => (s.kind === 'ParamDecl' ? [s.name.name] : []));
  for (const name of Object.keys(overrides)) {
    if (declared.includes(name)) continue;
    const suggestion = closestName(name, declared);
    const hint = suggestion ? `Did you mean "${suggestion}"?` : declared.length > 0 ? `Its params are ${declared.map((p) => `"${p}"`).join(', ')}.` : 'It declares no params.';
    sink.report(error('E_UNKNOWN_PARAM', spanAt(main.file, '', 0), `The script has no param "${name}".`, hint));
  }
}

function recordOf(value: Value | undefined, span: ParamDecl['span'], ctx: EvaluationContext): ParamValue | undefined {
  switch (value?.type) {
    case 'number':
      return { type: 'int', value: value.value };
    case 'duration':
      return { type: 'duration', ns: value.ns };
    case 'pins':
    case 'range': {
      const pins = expectPins(value, span, ctx);
      return pins ? { type: 'pins', pins } : undefined;
    }
    default:
      return undefined;
  }
}

/** Why an override was refused: the end of a sentence, and maybe how to fix it. */
interface Refusal {
  readonly problem: string;
  readonly hint?: string | undefined;
}

/** Where override text is said to come from while it is parsed (never shown: errors are re-reported at the param). */
const OVERRIDE_FILE = '<param override>';

/** The override as a value of the default's type, or why not. */
function readOverride(override: ParamOverride, fallback: Value, ctx: EvaluationContext): Value | Refusal {
  const scratch: EvaluationContext = { ...ctx, sink: new DiagnosticSink(), bindings: new Bindings() };
  const value = typeof override === 'number' ? numberValue(override) : parseOverride(override, scratch);
  if (!('type' in value)) return value;
  if (value.type === 'number' && !Number.isFinite(value.value)) return { problem: 'is not a number.' };
  switch (fallback.type) {
    case 'number':
      if (value.type === 'number' && Number.isInteger(value.value)) return value;
      return { problem: value.type === 'number' ? 'is not a whole number.' : `is ${typeName(value)}, but the param is a whole number.` };
    case 'duration':
      if (value.type === 'duration') return value;
      if (value.type === 'number' && value.value === 0) return { type: 'duration', ns: 0 };
      if (value.type === 'number') return { problem: 'is a number without a unit, but the param is a duration.', hint: `Did you mean "${override}ms"?` };
      return { problem: `is ${typeName(value)}, but the param is a duration.` };
    default: {
      if (value.type !== 'number' && value.type !== 'range' && value.type !== 'pins') return { problem: `is ${typeName(value)}, but the param is a pin list.` };
      const pins = expectPins(value, spanAt(OVERRIDE_FILE, '', 0), scratch);
      if (!pins) return { problem: 'is not a pin list of this chip.', hint: firstMessage(scratch.sink) };
      return value.type === 'number' ? pinsValue(pins) : value;
    }
  }
}

/** Reads override text as the value of `param x = TEXT`, allowing literals only. */
function parseOverride(text: string, scratch: EvaluationContext): Value | Refusal {
  const parsed = parseScript(`param x = ${text}`, OVERRIDE_FILE);
  const statement = parsed.script.statements[0];
  if (parsed.diagnostics.length > 0 || parsed.script.statements.length !== 1 || statement?.kind !== 'ParamDecl') {
    return { problem: 'cannot be read as a value.', hint: 'Write it as in a script: 10, 0x0A, 250ms, 7..11, GPIO17.' };
  }
  const names = resolveNames({ main: parsed.script, modules: new Map() });
  if (names.unresolved.length > 0) return { problem: `names "${names.unresolved[0]!.name}"; an override must be a literal value.` };
  const value = evaluateList(statement.value, { ...scratch, resolution: names });
  return value ?? { problem: 'is not a valid value.', hint: firstMessage(scratch.sink) };
}

function firstMessage(sink: DiagnosticSink): string | undefined {
  return sink.sorted()[0]?.message;
}
