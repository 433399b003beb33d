import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinseq } from '../_helpers/cli.js';

function scriptFile(text: string, name = 'script.gpio'): string {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('check passes every example script (the one-liner with its zero-width warning only)', (t) => {
  const names = ['blink', 'oneliner', 'bar', 'knight-rider', 'servo', 'bus8', 'serial', 'flash-import', 'button', 'rig/hc595'];
  const r = pinseq(['check', ...names.map((name) => `scripts/${name}.gpio`)]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stderr.match(/: warning: /g)?.length, 1, r.stderr);
  t.regex(r.stderr, /^scripts\/oneliner\.gpio:1:\d+: warning: .*\[W_ZERO_WIDTH\]/m);
  t.regex(r.stderr, /0 errors, 1 warning\n$/);
});

test('a file inside the working directory is shown by its relative path', (t) => {
  const file = scriptFile('out 7\nwait 5\n');
  const r = pinseq(['check', 'script.gpio'], { cwd: join(file, '..') });
  t.regex(r.stderr, /^script\.gpio:2:6: error: /m);
});

test('check reports an error as FILE:LINE:COL with a caret and exits 1', (t) => {
  const file = scriptFile('out 7\nwait 5\n');
  const r = pinseq(['check', file]);
  t.is(r.code, 1);
  t.regex(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:6: error: `));
  t.true(r.stderr.includes('wait 5\n     ^'), r.stderr);
});

test('check --json prints SPEC §4 objects', (t) => {
  const file = scriptFile('out 7\nwait 5\n');
  const r = pinseq(['check', '--json', file]);
  t.is(r.code, 1);
  const list = JSON.parse(r.stdout) as Record<string, unknown>[];
  t.is(list.length, 1);
  t.like(list[0]!, { file, line: 2, column: 6, endLine: 2, endColumn: 7, severity: 'error', code: 'E_UNIT' });
});

test('check with only warnings exits 0', (t) => {
  const file = scriptFile('set 7\n');
  const r = pinseq(['check', file]);
  t.is(r.code, 0);
  t.regex(r.stderr, /1:5: warning: .*\[W_NOT_OUTPUT\]/);
});

test('usage errors exit 2', (t) => {
  t.is(pinseq(['check']).code, 2);
  t.is(pinseq(['compile', 'scripts/blink.gpio', '--emit', 'bytes']).code, 2);
  t.is(pinseq(['frobnicate']).code, 2);
  t.is(pinseq(['check', '--nope', 'x.gpio']).code, 2);
});

test('every command has --help', (t) => {
  for (const command of ['check', 'compile', 'run', 'trace', 'doctor']) {
    const r = pinseq([command, '--help']);
    t.is(r.code, 0, command);
    t.true(r.stdout.startsWith(`Usage: pinseq ${command}`), command);
  }
  t.is(pinseq(['--help']).code, 0);
});

test('compile --emit program prints the card one-liner as register writes', (t) => {
  const r = pinseq(['compile', 'scripts/oneliner.gpio', '--emit', 'program']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /GPSET0\b.*0x00000f80/i);
  t.regex(r.stdout, /GPCLR0\b.*0x00000f80/i);
  t.regex(r.stdout, /LOOP/);
});

test('compile --emit program --json is a versioned program', (t) => {
  const r = pinseq(['compile', 'scripts/oneliner.gpio', '--emit', 'program', '--json']);
  t.is(r.code, 0, r.stderr);
  const program = JSON.parse(r.stdout) as { format: string; version: number; chip: string };
  t.like(program, { format: 'pinseq-program', version: 1, chip: 'bcm2711' });
});

test('compile --emit ast and ir show the earlier stages', (t) => {
  const ast = pinseq(['compile', 'scripts/oneliner.gpio', '--emit', 'ast']);
  t.is(ast.code, 0, ast.stderr);
  t.like(JSON.parse(ast.stdout), { kind: 'Script' });
  const ir = pinseq(['compile', 'scripts/oneliner.gpio', '--emit', 'ir']);
  t.is(ir.code, 0, ir.stderr);
  t.regex(ir.stdout, /repeat 5/);
  t.regex(ir.stdout, /instant set 7, set 8, set 9, set 10, set 11/);
});

test('--chip picks the register map and a conflicting chip statement is an error', (t) => {
  const file = scriptFile('chip bcm2835\nout 7\n');
  const r = pinseq(['check', '--json', '--chip', 'bcm2711', file]);
  t.is(r.code, 1);
  t.like((JSON.parse(r.stdout) as object[])[0], { code: 'E_CHIP_CONFLICT', line: 1, column: 6 });
  const unknown = pinseq(['check', '--json', scriptFile('chip z80\n')]);
  t.like((JSON.parse(unknown.stdout) as object[])[0], { code: 'E_UNKNOWN_CHIP', line: 1, column: 6 });
});
