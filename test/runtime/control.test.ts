/**
 * The shared control words and record rings between the run host and the worker.
 */
import test from 'ava';
import { Control, ControlBlock, RecordRing } from '../../runtime/run/control.js';

test('records come out in order and the ring keeps working across many wraps', (t) => {
  const ring = RecordRing.create(4);
  const seen: number[] = [];
  for (let i = 0; i < 100; i++) {
    ring.record(1, i, i * 2, i * 3);
    if (i % 3 === 2) ring.drain((kind, pc, a, b) => seen.push(kind, pc, a - 2 * pc, b - 3 * pc));
  }
  ring.drain((kind, pc, a, b) => seen.push(kind, pc, a - 2 * pc, b - 3 * pc));
  t.deepEqual(seen, Array.from({ length: 100 }, (_, i) => [1, i, 0, 0]).flat());
  t.is(ring.dropped(), 0);
});

test('a full ring drops new records and counts them', (t) => {
  const ring = RecordRing.create(4);
  for (let i = 0; i < 6; i++) ring.record(2, i, 0, 0);
  const pcs: number[] = [];
  ring.drain((_k, pc) => pcs.push(pc));
  t.deepEqual(pcs, [0, 1, 2, 3]);
  t.is(ring.dropped(), 2);
});

test('a ring is shared through its buffer', (t) => {
  const producer = RecordRing.create(8);
  const consumer = new RecordRing(producer.buffer);
  producer.record(5, 42, 1.5, -1);
  const got: number[] = [];
  consumer.drain((...r) => got.push(...r));
  t.deepEqual(got, [5, 42, 1.5, -1]);
});

test('stop and replace requests ring the doorbell', (t) => {
  const control = new ControlBlock();
  const worker = new ControlBlock(control.buffer);
  const before = worker.doorbell();
  control.requestStop();
  control.announceReplacement();
  t.is(worker.doorbell(), before + 2);
  t.is(worker.stops(), 1);
  t.is(worker.replacements(), 1);
  worker.setPhase(2);
  t.is(control.phase(), 2);
  t.is(Atomics.load(control.words, Control.STOPS), 1);
});

test('the ring counters wrap past 2^31 without losing or repeating records', (t) => {
  const ring = RecordRing.create(4);
  // Head and tail are the first two int32 words of the buffer: start them just below the wrap.
  const header = new Int32Array(ring.buffer, 0, 2);
  header[0] = 0x7fff_fffe;
  header[1] = 0x7fff_fffe;
  const pcs: number[] = [];
  for (let i = 0; i < 10; i++) {
    ring.record(1, i, 0, 0);
    ring.drain((_k, pc) => pcs.push(pc));
  }
  t.deepEqual(pcs, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.is(ring.dropped(), 0);
});
