/**
 * Resource limits (issue 6): scripts built to exhaust the compiler's time, memory or stack
 * get one clear, located diagnostic instead. Limits already covered elsewhere: for-loop and
 * def expansion (test/check/limits.test.ts), parser nesting (test/language/syntaxErrors.test.ts),
 * import cycles and diamonds parsed once (test/language/load.test.ts).
 */
import test from 'ava';
import { Op } from '../../runtime/program/program.js';
import { compileFile, compileSource, type CompileResult } from '../../src/compile/compileScript.js';
import { MAX_PIN_LIST } from '../../src/compile/evaluateExpr.js';
import { MAX_IMPORT_DEPTH } from '../../src/language/load.js';

const DIR = '/limits/';

/** Compiles `files[main]` from memory; every diagnostic as `CODE file:line:column`. */
function compileFiles(files: Readonly<Record<string, string>>, main = 'main.gpio'): { result: CompileResult; located: string[] } {
  const readFile = (path: string): string => {
    const text = files[path.slice(DIR.length)];
    if (text === undefined) throw Object.assign(new Error(`no such file ${path}`), { code: 'ENOENT' });
    return text;
  };
  const result = compileFile(DIR + main, { chip: 'bcm2711', readFile });
  return { result, located: result.diagnostics.map((d) => `${d.code} ${d.span.file.slice(DIR.length)}:${d.span.line}:${d.span.column}`) };
}

function located(text: string): string[] {
  return compileFiles({ 'main.gpio': text }).located;
}

// ---------------------------------------------------------------- pin lists

test('E_LIST_LIMIT: aliases that double at every line stop at the item crossing the limit', (t) => {
  const lines = ['pin a0 = 7'];
  for (let i = 1; i <= 40; i++) lines.push(`pin a${i} = a${i - 1}, a${i - 1}`);
  lines.push('out a40');
  // a12 holds 4096 pins; a13's second a12 (line 14, column 16) would make 8192.
  const { result, located: found } = compileFiles({ 'main.gpio': lines.join('\n') });
  t.deepEqual(found, ['E_LIST_LIMIT main.gpio:14:16']);
  t.is(result.diagnostics[0]!.message, `This pin list grows to more than ${MAX_PIN_LIST} pins here.`);
});

test('E_LIST_LIMIT: a local const doubling through def calls', (t) => {
  const lines = ['out 7', 'def f0(x) < toggle x >'];
  for (let i = 1; i <= 30; i++) lines.push(`def f${i}(x) < const y = x, x; f${i - 1}(y) >`);
  lines.push('f30(7)');
  // f1..f30 double the list on the way down: f18 is handed 4096 pins (from f30, 12 levels up); its const y is where it crosses.
  t.deepEqual(located(lines.join('\n')), ['E_LIST_LIMIT main.gpio:20:27']);
});

test('E_LIST_LIMIT: one list of 5,000 items, at the first item past the limit', (t) => {
  // "out " then "7, " per item: item k (1-based) starts at column 5 + 3 × (k - 1).
  t.deepEqual(located(`out ${Array.from({ length: 5000 }, () => '7').join(', ')}`), [`E_LIST_LIMIT main.gpio:1:${5 + 3 * MAX_PIN_LIST}`]);
});

test('E_PIN_RANGE: a range of a billion pins is refused without expanding it', (t) => {
  t.deepEqual(located('out 0..1000000000'), ['E_PIN_RANGE main.gpio:1:5']);
  t.deepEqual(located('pin all = 0..4000000000\nout all'), ['E_PIN_RANGE main.gpio:1:11']);
});

// ---------------------------------------------------------------- counts and numbers

test('repeat 10^9 stays a loop: a handful of ops, the count in the LOOP op', (t) => {
  const { result, located: found } = compileFiles({ 'main.gpio': 'out 7\nrepeat 1000000000 < toggle 7; wait 1ms >' });
  t.deepEqual(found, []);
  const code = result.program!.code;
  t.true(code.length < 40, `${code.length} code slots`);
  t.is(code[code.indexOf(Op.LOOP) + 1], 1_000_000_000);
});

test('E_NUMBER: repeat counts and durations beyond what a double holds exactly', (t) => {
  t.deepEqual(located('out 7\nrepeat 1000000000000000000000000000000 < toggle 7 >'), ['E_NUMBER main.gpio:2:8']);
  t.deepEqual(located('out 7\nrepeat 9007199254740991 * 4 < toggle 7 >'), ['E_NUMBER main.gpio:2:8']);
  t.deepEqual(located('out 7\nwait 99999999999999999999min'), ['E_NUMBER main.gpio:2:6']);
  t.deepEqual(located('in 4\nwait until 4 high timeout 1000000000min * 1000000000'), ['E_NUMBER main.gpio:2:27']);
});

// ---------------------------------------------------------------- imports

function importChain(files: number): Record<string, string> {
  const chain: Record<string, string> = { 'main.gpio': 'import "f1.gpio"\nout 7\nset 7\n' };
  for (let i = 1; i < files; i++) chain[`f${i}.gpio`] = `import "f${i + 1}.gpio"\nconst c${i} = ${i}\n`;
  chain[`f${files}.gpio`] = 'const last = 1\n';
  return chain;
}

test('E_IMPORT_DEPTH: an import chain 5,000 files long stops at the limit, at the import going too deep', (t) => {
  // main.gpio + f1 … f63 are 64 files; f63's import would load the 65th.
  t.deepEqual(compileFiles(importChain(5000)).located, [`E_IMPORT_DEPTH f${MAX_IMPORT_DEPTH - 1}.gpio:1:8`]);
});

test('an import chain exactly at the depth limit compiles', (t) => {
  const { result, located: found } = compileFiles(importChain(MAX_IMPORT_DEPTH - 1));
  t.deepEqual(found, []);
  t.is(result.files.length, MAX_IMPORT_DEPTH);
});

test('E_IMPORT_CYCLE: three files in a cycle, at the import that closes it', (t) => {
  const { located: found } = compileFiles({
    'main.gpio': 'import "a.gpio"\nout 7\n',
    'a.gpio': 'import "b.gpio"\n',
    'b.gpio': 'const x = 1\nimport "main.gpio"\n',
  });
  t.deepEqual(found, ['E_IMPORT_CYCLE b.gpio:2:8']);
});

test('E_EXPANSION_LIMIT: 30 layers of diamond imports whose defs call both halves, at the outermost call', (t) => {
  // Each file is read once (main, a0 … a30, b1 … b30), but a0() would expand into 2^30 toggles.
  const files: Record<string, string> = { 'main.gpio': 'import "a0.gpio"\nout 7\na0()\n' };
  for (let i = 0; i < 30; i++) {
    for (const side of ['a', 'b']) files[`${side}${i}.gpio`] = `import "a${i + 1}.gpio"\nimport "b${i + 1}.gpio"\ndef ${side}${i}() < a${i + 1}(); b${i + 1}() >\n`;
  }
  for (const side of ['a', 'b']) files[`${side}30.gpio`] = `def ${side}30() < toggle 7 >\n`;
  const { result, located: found } = compileFiles(files);
  t.deepEqual(found, ['E_EXPANSION_LIMIT main.gpio:3:1']);
  t.is(result.files.length, 62);
});
