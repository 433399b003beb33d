/**
 * Shared helpers for the language tests: parse text and look at the result without the
 * noise of spans, or with spans reduced to `line:column-endLine:endColumn`.
 */
import type { ExecutionContext } from 'ava';
import type { Script, Statement } from '../../src/language/ast.js';
import { parseScript } from '../../src/language/parse.js';
import type { Span } from '../../src/language/span.js';

/** The file name every test script is parsed as. */
export const FILE = 'test.gpio';

/** Parses `text`, failing the test if there is any diagnostic. */
export function parseClean(t: ExecutionContext, text: string): Script {
  const { script, diagnostics } = parseScript(text, FILE);
  t.deepEqual(diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`), [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return script;
}

/** The only statement of a script, parsed cleanly. */
export function oneStatement(t: ExecutionContext, text: string): Statement {
  const script = parseClean(t, text);
  t.is(script.statements.length, 1, `expected one statement in ${JSON.stringify(text)}`);
  return script.statements[0]!;
}

/** A deep copy of `node` without any `span` property, for comparing shapes. */
export function withoutSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpans);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'span' && value !== undefined) copy[key] = withoutSpans(value);
  }
  return copy;
}

/** A span as `line:column-endLine:endColumn` (end exclusive). */
export function where(span: Span): string {
  return `${span.line}:${span.column}-${span.endLine}:${span.endColumn}`;
}

/** The text a span covers. */
export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Diagnostics of `text` as `line:column CODE` strings. */
export function codesAt(text: string): string[] {
  return parseScript(text, FILE).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`);
}
