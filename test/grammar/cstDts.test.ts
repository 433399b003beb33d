import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCstDts, renderDiagramsHtml } from '../../grammar/artifacts.js';

const GRAMMAR = fileURLToPath(new URL('../../../grammar/', import.meta.url));

test('grammar/cst.d.ts matches the parser (run `npm run gen:grammar` after changing a rule)', (t) => {
  t.is(readFileSync(`${GRAMMAR}cst.d.ts`, 'utf8'), renderCstDts());
});

test('grammar/diagrams.html matches the parser and loads its scripts from the installed package', (t) => {
  const html = readFileSync(`${GRAMMAR}diagrams.html`, 'utf8');
  t.is(html, renderDiagramsHtml());
  t.false(html.includes('https://'), 'works offline');
  t.true(html.includes("src='../node_modules/chevrotain/diagrams/vendor/railroad-diagrams.js'"));
});
