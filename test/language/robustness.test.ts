import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScript } from '../../src/language/parse.js';
import type { Span } from '../../src/language/span.js';
import { FILE } from './_parseHelpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** 1-based line and column of `offset`, counting \n, \r\n and a lone \r as line breaks, like the lexer. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

/** Every span found anywhere in `value` (an AST or a diagnostic list). */
function spansIn(value: unknown, found: Span[] = []): Span[] {
  if (Array.isArray(value)) value.forEach((item) => spansIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'span') found.push(child as Span);
      else spansIn(child, found);
    }
  }
  return found;
}

/** Parses `text` and returns what is wrong with the spans (nothing, when all is well). */
function spanProblems(text: string): string[] {
  const { script, diagnostics } = parseScript(text, FILE);
  const problems: string[] = [];
  for (const span of spansIn([script, diagnostics])) {
    if (span.file !== FILE || span.start < 0 || span.start > span.end || span.end > text.length) {
      problems.push(`span ${JSON.stringify(span)} outside a text of ${text.length}`);
    } else if (position(text, span.start) !== `${span.line}:${span.column}`) {
      problems.push(`span ${JSON.stringify(span)} starts at ${position(text, span.start)}`);
    }
  }
  return problems;
}

test('a script cut off at every offset never throws and keeps every span inside the text', (t) => {
  const texts = ['oneliner', 'button', 'serial', 'servo'].map((name) => readFileSync(`${ROOT}scripts/${name}.gpio`, 'utf8'));
  let cuts = 0;
  for (const text of texts) {
    for (let end = 0; end <= text.length; end++) {
      const cut = text.slice(0, end);
      const problems = spanProblems(cut);
      if (problems.length > 0) return t.fail(`cut at ${end} of ${JSON.stringify(cut.slice(-40))}: ${problems[0]}`);
      cuts++;
    }
  }
  t.true(cuts > 1000);
});

test('random token soup never throws and keeps every span inside the text', (t) => {
  const fragments = [
    'pin', 'pins', 'const', 'param', 'def', 'import', 'chip', 'allow', 'out', 'in', 'pull', 'up', 'alt', 'set', 'clear', 'toggle',
    'write', 'wait', 'until', 'high', 'low', 'timeout', 'else', 'repeat', 'forever', 'for', 'every', 'log', 'mark', 'on', 'exit',
    'x', 'bar', 'bit', '7', '0x1F', '0b2', '1_0', '250ms', '1.5', '5sec', 'GPIO17', 'J8:11', '"s"', '"open', '"\\q"', '<', '>', '>>',
    '(', ')', ',', ';', '=', '..', '+', '-', '*', '/', '%', '|', '^', '&', '~', '\n', '\r\n', '\r', ' ', '\t', '# c\n', '$', '.', 'µ',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), fc.boolean(), (parts, spaced) => {
      const text = parts.join(spaced ? ' ' : '');
      const problems = spanProblems(text);
      if (problems.length > 0) throw new Error(`${JSON.stringify(text)}: ${problems[0]}`);
    }),
    { numRuns: 400 },
  );
  t.pass();
});

test('arbitrary text never throws', (t) => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
      const problems = spanProblems(text);
      if (problems.length > 0) throw new Error(`${JSON.stringify(text)}: ${problems[0]}`);
    }),
    { numRuns: 300 },
  );
  t.pass();
});
