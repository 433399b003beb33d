/**
 * Golden programs: the exact register writes every example in scripts/ compiles to, as
 * `pinseq compile --emit program` prints them. A change to lowering shows up here as a
 * diff to read; regenerate a file only after checking the new writes are right:
 * `node dist/src/cli/main.js compile scripts/NAME.gpio --emit program > test/compile/golden/NAME.program.txt`.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compileFile } from '../../src/compile/compileScript.js';
import { printProgram } from '../../src/compile/printProgram.js';
import { ROOT } from '../_helpers/cli.js';

const examples = ['blink', 'oneliner', 'bar', 'knight-rider', 'servo', 'bus8', 'serial', 'flash-import', 'button', 'rig/hc595'];

for (const name of examples) {
  test(`${name}.gpio compiles to its golden program`, (t) => {
    const compiled = compileFile(join(ROOT, 'scripts', `${name}.gpio`));
    t.truthy(compiled.program, JSON.stringify(compiled.diagnostics));
    const golden = readFileSync(join(ROOT, 'test', 'compile', 'golden', `${basename(name)}.program.txt`), 'utf8');
    t.is(printProgram(compiled.program!), golden);
  });
}

test('the golden one-liner drives pins 7..11 with one store of 0xf80 to GPSET0 and to GPCLR0', (t) => {
  const golden = readFileSync(join(ROOT, 'test', 'compile', 'golden', 'oneliner.program.txt'), 'utf8');
  t.regex(golden, /WRITE {7}GPSET0 = 0x00000f80/);
  t.regex(golden, /WRITE {7}GPCLR0 = 0x00000f80/);
  t.regex(golden, /RMW {9}GPFSEL0 clear 0x3fe00000 set 0x09200000/);
});
