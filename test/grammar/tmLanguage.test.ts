import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contextualKeywords, keywordList } from '../../grammar/tokens.js';

interface Rule {
  readonly name?: string;
  readonly match?: string;
  readonly patterns?: readonly Rule[];
}

const file = fileURLToPath(new URL('../../../grammar/gpio.tmLanguage.json', import.meta.url));
const grammar = JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string; fileTypes: string[]; repository: Record<string, Rule> };

test('the TextMate grammar is JSON for source.gpio', (t) => {
  t.is(grammar.scopeName, 'source.gpio');
  t.deepEqual(grammar.fileTypes, ['gpio']);
});

test('its reserved keywords are exactly the lexer\'s', (t) => {
  const match = /^\\b\(\?:(.*)\)\\b$/.exec(grammar.repository.keyword?.match ?? '');
  t.truthy(match, 'keyword rule is \\b(?:a|b|…)\\b');
  const words = match![1]!.split('|').sort();
  t.deepEqual(words, keywordList.filter((word) => !contextualKeywords.includes(word)).sort());
});

test('contextual keywords are highlighted only in their statement', (t) => {
  const contextual = grammar.repository['contextual-keyword']?.match ?? '';
  for (const word of contextualKeywords) t.true(contextual.startsWith(`\\b${word}(?=`), word);
});

test('every match pattern is a valid regular expression', (t) => {
  const patterns: string[] = [];
  const visit = (rule: Rule): void => {
    if (rule.match) patterns.push(rule.match);
    rule.patterns?.forEach(visit);
  };
  Object.values(grammar.repository).forEach(visit);
  t.true(patterns.length > 10);
  for (const pattern of patterns) t.notThrows(() => new RegExp(pattern, 'u'), pattern);
});

test('durations, pins and numbers are told apart', (t) => {
  const numbers = grammar.repository.number?.patterns ?? [];
  const scopeOf = (text: string): string | undefined =>
    numbers.find((rule) => new RegExp(`^(?:${rule.match})$`, 'u').test(text))?.name;
  t.is(scopeOf('250ms'), 'constant.numeric.duration.gpio');
  t.is(scopeOf('20µs'), 'constant.numeric.duration.gpio');
  t.is(scopeOf('0x2A'), 'constant.numeric.hex.gpio');
  t.is(scopeOf('1_000'), 'constant.numeric.integer.gpio');
  t.true(new RegExp(grammar.repository.pin?.match ?? '', 'u').test('J8:11'));
});
