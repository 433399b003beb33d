/**
 * Safety properties over generated scripts (issue 6): whatever the script, compiled for
 * either chip and run on the simulator in virtual time, every register store the executor
 * makes is inside the window, never to an event-detect register, and only touches pins in
 * the script's `allow` list; a script naming a pin outside `allow` does not compile.
 */
import test from 'ava';
import fc from 'fast-check';
import { runInline } from '../../runtime/run/runInline.js';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import { compileSource } from '../../src/compile/compileScript.js';
import { RecordingSim, storeViolation } from './_recordingSim.js';
import { generatedScript } from './_scriptGen.js';

const SEED = Number(process.env.PINSEQ_FUZZ_SEED ?? 6_2024);
const CHIPS = ['bcm2835', 'bcm2711'] as const;

test('every store of every generated script stays in the window, off event detect, and on allowed pins', (t) => {
  let runs = 0;
  let refused = 0;
  let stores = 0;
  fc.assert(fc.property(generatedScript, fc.constantFrom(...CHIPS), ({ text, allowed, used }, chip) => {
    const result = compileSource(text, { chip, file: '/safety/main.gpio' });
    const strays = used.filter((p) => !allowed.includes(p));
    if (strays.length > 0) {
      // A pin outside allow is a compile error, and there is no program to run.
      if (result.program || !result.diagnostics.some((d) => d.code === 'E_PIN_NOT_ALLOWED')) throw new Error(`GPIO ${strays[0]} outside allow compiled:\n${text}`);
      refused++;
      return;
    }
    const program = result.program;
    if (!program) throw new Error(`did not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}\n${text}`);
    if (!validateProgram(program).ok) throw new Error(`fails validateProgram:\n${text}`);
    if (program.pins.some((p) => !allowed.includes(p))) throw new Error(`program.pins ${program.pins} is not within allow ${allowed}`);
    const sim = new RecordingSim({ kind: 'sim', clock: 'virtual', inputs: allowed.map((pin, i) => ({ atNs: 500_000 * (i + 1), pin, level: 1 as const })) });
    const run = runInline(program, { backend: sim, forNs: 1e9 });
    if (run.status === 'failed') throw new Error(`run failed: ${run.error?.code} ${run.error?.message}\n${text}`);
    for (const store of sim.stores) {
      const violation = storeViolation(store, chip, allowed);
      if (violation) throw new Error(`${violation}\n${chip}:\n${text}`);
    }
    runs++;
    stores += sim.stores.length;
  }), { numRuns: 400, seed: SEED });
  t.log(`${runs} runs, ${refused} refused at compile time, ${stores} stores checked`);
  // The property must have been exercised both ways, with real stores.
  t.true(runs > 100 && refused > 20 && stores > runs * 3, `${runs} runs, ${refused} refused, ${stores} stores`);
});

test('the judge of stores refuses what it must (so the property above can fail)', (t) => {
  t.regex(storeViolation({ word: 0x40 / 4, before: 0, value: 1 }, 'bcm2711', [7]) ?? '', /event-detect/);
  t.regex(storeViolation({ word: 0x8c / 4, before: 0, value: 1 }, 'bcm2835', [7]) ?? '', /event-detect/);
  t.regex(storeViolation({ word: 1024, before: 0, value: 1 }, 'bcm2711', [7]) ?? '', /outside the 4096-byte window/);
  t.regex(storeViolation({ word: 0x1c / 4, before: 0, value: 1 << 8 }, 'bcm2711', [7]) ?? '', /outside allow/);
  t.regex(storeViolation({ word: 0, before: 0, value: 1 << 24 }, 'bcm2711', [7]) ?? '', /function-select fields of pins outside allow/);
  t.regex(storeViolation({ word: 0xe4 / 4, before: 0, value: 1 << 16 }, 'bcm2711', [7]) ?? '', /pull fields/);
  t.regex(storeViolation({ word: 0x98 / 4, before: 0, value: 1 << 8 }, 'bcm2835', [7]) ?? '', /pulls into pins outside allow/);
  t.regex(storeViolation({ word: 0x34 / 4, before: 0, value: 1 }, 'bcm2835', [7]) ?? '', /not a register a program may write/);
  // And allows what a program for GPIO 7 does.
  t.is(storeViolation({ word: 0x1c / 4, before: 0, value: 1 << 7 }, 'bcm2711', [7]), undefined);
  t.is(storeViolation({ word: 0, before: 0, value: 1 << 21 }, 'bcm2711', [7]), undefined);
});
