/**
 * Saving and putting back function-select fields: only the saved fields are written,
 * a field keeps its first (pre-run) value, and a release keeps what is still in use.
 */
import test from 'ava';
import { FunctionSelectRestore } from '../../runtime/executor/functionRestore.js';

const FIELD = (pin: number): number => (7 << (pin * 3)) >>> 0;

test('restoreAll writes back only the saved fields', (t) => {
  const regs = Uint32Array.of(0b100_001_010);
  const restore = new FunctionSelectRestore(regs.length);
  restore.capture(regs, [{ offset: 0, mask: FIELD(1) }]);
  regs[0] = 0b111_111_111;
  const writes: number[][] = [];
  restore.restoreAll(regs, (offset, mask, bits) => writes.push([offset, mask, bits]));
  t.is(regs[0], 0b111_001_111);
  t.deepEqual(writes, [[0, FIELD(1), 0b001_000]]);
  restore.restoreAll(regs, () => t.fail('nothing is left to restore'));
});

test('a field captured twice keeps its first value', (t) => {
  const regs = Uint32Array.of(0, 0b010);
  const restore = new FunctionSelectRestore(regs.length);
  restore.capture(regs, [{ offset: 4, mask: FIELD(0) }]);
  regs[1] = 0b001;
  restore.capture(regs, [{ offset: 4, mask: FIELD(0) | FIELD(1) }]);
  regs[1] = 0b100_100;
  restore.restoreAll(regs);
  t.is(regs[1], 0b000_010);
});

test('release puts back the fields a new program does not use and keeps the rest', (t) => {
  const regs = Uint32Array.of(0b000_000);
  const restore = new FunctionSelectRestore(regs.length);
  restore.capture(regs, [{ offset: 0, mask: FIELD(0) | FIELD(1) }]);
  regs[0] = 0b001_001;
  restore.release(regs, [{ offset: 0, mask: FIELD(1) }]);
  t.is(regs[0], 0b001_000);
  restore.restoreAll(regs);
  t.is(regs[0], 0);
});
