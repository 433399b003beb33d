/**
 * The conformance suite on the sysfs backend, against a temporary tree that imitates
 * /sys/class/gpio. Every pin the cases use is exported before the run (as a kernel would
 * show pins exported by someone else), so no fake kernel has to answer `export` writes;
 * test/runtime/sysfs.test.ts covers exporting. Cases that read the register window
 * back (exact function-select words) do not apply: sysfs knows only in and out.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { assemble, clear, ms, out, set } from '../_helpers/assemble.js';
import type { BackendSpec } from '../../runtime/backends/backend.js';
import { testBackendConformance } from './_conformance.js';
import { makeFakeSysfs, preExport } from './_fakeSysfs.js';

const BASE = 512;
const roots: string[] = [];

testBackendConformance('sysfs', (): BackendSpec => {
  const root = makeFakeSysfs([{ base: BASE, ngpio: 58, label: 'pinctrl-bcm2711' }]);
  roots.push(root);
  for (let pin = 0; pin < 32; pin++) preExport(root, BASE + pin, 'in', 0);
  return { kind: 'sysfs', root };
}, {
  exactTimes: false,
  // The session shows outputs at their latched level in GPLEV, as real pins read back.
  levelsFollowOutputs: true,
  cases: [
    {
      title: 'the files say what the program did: direction and value of each pin',
      program: () => assemble([out(7), out(8), ['COMMIT'], set(7), ['COMMIT'], ['WAIT', ms(1)], set(8), clear(7), ['COMMIT']]),
      run: { keep: true },
      edges: [[0, 7, 1], [ms(1), 7, 0], [ms(1), 8, 1]],
      check: (t, r, c) => {
        t.is(r.status, 'ended');
        const root = (c.spec as { root: string }).root;
        const file = (pin: number, name: string): string => readFileSync(join(root, `gpio${BASE + pin}`, name), 'utf8').trim();
        t.deepEqual([file(7, 'value'), file(8, 'value')], ['0', '1']);
        // Made outputs at a known level: the direction file took "high" or "low".
        t.true(['out', 'low', 'high'].includes(file(7, 'direction')));
        t.is(file(9, 'direction'), 'in', 'a pin the program never touched');
      },
    },
  ],
});

test.after.always(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
