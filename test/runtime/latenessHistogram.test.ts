/**
 * The fixed lateness histogram: exact maximum and threshold count, and a p99 that is
 * never below the true value and at most one bucket (~3%) above it.
 */
import test from 'ava';
import fc from 'fast-check';
import { bucketOf, LatenessHistogram, upperBoundOf } from '../../runtime/executor/latenessHistogram.js';

test('an empty histogram reports zeros', (t) => {
  t.deepEqual(new LatenessHistogram(1000).summary(), { maxNs: 0, p99Ns: 0, over: 0, thresholdNs: 1000, samples: 0 });
});

test('max, over and samples are exact; early samples count as zero', (t) => {
  const h = new LatenessHistogram(1000);
  for (const v of [-50, 10, 999, 1000, 1001, 250_000]) h.record(v);
  const s = h.summary();
  t.is(s.maxNs, 250_000);
  t.is(s.over, 2);
  t.is(s.samples, 6);
});

test('p99 of 1..1000 µs is 990 µs within one bucket', (t) => {
  const h = new LatenessHistogram(0);
  for (let i = 1; i <= 1000; i++) h.record(i * 1000);
  const p99 = h.summary().p99Ns;
  t.true(p99 >= 990_000 && p99 <= 990_000 * 1.032, String(p99));
});

test('every value falls in a bucket whose bounds contain it, and buckets are ordered', (t) => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 44 - 1 }), (v) => {
    const b = bucketOf(v);
    const lower = b === 0 ? 0 : upperBoundOf(b - 1) + 1;
    return v >= lower && v <= upperBoundOf(b) && upperBoundOf(b) - lower <= Math.max(1, v / 16);
  }));
  t.is(bucketOf(63), 63);
  t.is(upperBoundOf(bucketOf(2 ** 50)), Infinity);
});

test('a percentile is never below the true one nor above the maximum', (t) => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 300 }), (values) => {
    const h = new LatenessHistogram(0);
    values.forEach((v) => h.record(v));
    const sorted = [...values].sort((a, b) => a - b);
    const truth = sorted[Math.ceil(0.99 * values.length) - 1]!;
    const p99 = h.percentile(0.99);
    return p99 >= truth && p99 <= sorted.at(-1)! && p99 <= truth * 1.032 + 1;
  }));
  t.pass();
});
