/** Keeps the README true where it restates the code: the diagnostic codes and the examples it names. */
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticCodes } from '../../src/diagnostics/codes.js';
import { ROOT } from '../_helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the README\'s checks table is the code registry, row for row', (t) => {
  const rows = [...readme.matchAll(/^\| `([EW]_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]!.replace(/\\\|/g, '|')]);
  const diagnosticRows = rows.filter(([code]) => code! in diagnosticCodes);
  t.deepEqual(diagnosticRows, Object.entries(diagnosticCodes));
});

test('every example script the README names exists', (t) => {
  const names = ['blink', 'oneliner', 'bar', 'knight-rider', 'servo', 'bus8', 'serial', 'flash-import', 'button', 'rig/hc595'];
  for (const name of names) {
    t.true(readme.includes(`\`${name}\``), name);
    t.true(existsSync(join(ROOT, 'scripts', `${name}.gpio`)), name);
  }
});

test('the README shows the one-liner\'s program as the compiler prints it today', async (t) => {
  const { pinseq } = await import('../_helpers/cli.js');
  const program = pinseq(['compile', 'scripts/oneliner.gpio', '--emit', 'program']).stdout;
  t.true(program.length > 0);
  t.true(readme.includes(program), 'README program listing is stale');
});

test('every script the README shows compiles without errors', async (t) => {
  const { compileSource } = await import('../../src/compile/compileScript.js');
  // Untagged code blocks that are scripts: not shell sessions, diagnostics or program listings.
  const blocks = codeBlocks(readme).filter((b) => b.tag === '' && !/^[$;]/.test(b.text.trimStart())).map((b) => b.text);
  t.true(blocks.length >= 3, `found ${blocks.length} script blocks`);
  for (const block of blocks) {
    const errors = compileSource(block).diagnostics.filter((d) => d.severity === 'error');
    t.deepEqual(errors.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), [], block);
  }
});

/** The fenced code blocks of a markdown text, with their language tags. */
function codeBlocks(markdown: string): { tag: string; text: string }[] {
  const blocks: { tag: string; text: string }[] = [];
  let open: { tag: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      if (open) blocks.push({ tag: open.tag, text: open.lines.join('\n') });
      open = open ? undefined : { tag: line.slice(3).trim(), lines: [] };
    } else {
      open?.lines.push(line);
    }
  }
  return blocks;
}
