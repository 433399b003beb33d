import test from 'ava';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkScript } from '../../src/check/checkScript.js';
import { DEFAULT_CHIP, getChip } from '../../src/chips/index.js';
import { loadProgramSources } from '../../src/language/load.js';
import { ROOT } from '../_helpers/cli.js';
import { located } from './_elaborateText.js';

/** What checking each example script is expected to say: nothing, except where the script teaches something. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // The design card's one-liner really does clear and re-set its LEDs in the same moment.
  'oneliner.gpio': ['W_ZERO_WIDTH 1:52'],
};

test('every example script checks clean (the one-liner with its zero-width warning)', (t) => {
  const scripts = readdirSync(join(ROOT, 'scripts')).filter((name) => name.endsWith('.gpio'));
  t.true(scripts.length >= 9);
  for (const name of scripts) {
    const loaded = loadProgramSources(join(ROOT, 'scripts', name));
    t.deepEqual(loaded.diagnostics.map(located), [], `${name} parses`);
    const diagnostics = checkScript(loaded, { chip: getChip(DEFAULT_CHIP)! });
    t.deepEqual(diagnostics.map(located), EXPECTED[name] ?? [], name);
  }
});
