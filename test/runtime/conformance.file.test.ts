/**
 * The conformance suite on the file: backend: a /dev/shm file (or one in the temporary
 * directory) mmapped as the register window, so the real mmap path runs without
 * hardware. Edges come from trace replay; the window is read back from the file.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { BackendSpec } from '../../runtime/backends/backend.js';
import { LAYOUT } from '../_helpers/assemble.js';
import { testBackendConformance } from './_conformance.js';

const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'pinseq-conformance-'));
let files = 0;

testBackendConformance('file', (setup): BackendSpec => {
  const path = join(dir, `regs-${++files}.bin`);
  const words = new Uint32Array(LAYOUT.windowBytes / 4);
  for (const [offset, value] of setup.registers) words[offset >>> 2] = value;
  writeFileSync(path, words);
  return { kind: 'file', path };
}, {
  exactTimes: false,
  levelsFollowOutputs: false,
  readWindow: (spec) => {
    const bytes = readFileSync((spec as { path: string }).path);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  },
});

test.after.always(async () => {
  const { rmSync } = await import('node:fs');
  rmSync(dir, { recursive: true, force: true });
});
