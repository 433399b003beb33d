/**
 * The real clock's spin-margin policy: a base plus a share of the sleep, raised by an
 * overshoot it has seen, capped, and relaxing back to the base.
 */
import test from 'ava';
import { DEFAULT_SPIN_MARGIN_NS, MAX_SPIN_MARGIN_NS, SPIN_MARGIN_FRACTION, SpinMargin } from '../../runtime/clock/spinMargin.js';

test('with no history the margin is the base plus a share of the time left', (t) => {
  const margin = new SpinMargin();
  t.is(margin.before(0), DEFAULT_SPIN_MARGIN_NS);
  t.is(margin.before(10_000_000), DEFAULT_SPIN_MARGIN_NS + 10_000_000 * SPIN_MARGIN_FRACTION);
});

test('an overshoot inside the margin changes nothing; one beyond it raises the margin to 1.5× the overshoot', (t) => {
  const margin = new SpinMargin(100_000);
  margin.observe(60_000);
  margin.observe(-5_000);
  t.is(margin.currentNs, 100_000);
  margin.observe(300_000);
  t.is(margin.currentNs, 450_000);
});

test('the learned margin is capped, and relaxes back to the base by 1/16 of the gap per quiet sleep', (t) => {
  const margin = new SpinMargin(100_000);
  margin.observe(50_000_000);
  t.is(margin.currentNs, MAX_SPIN_MARGIN_NS);
  margin.observe(0);
  t.is(margin.currentNs, MAX_SPIN_MARGIN_NS - (MAX_SPIN_MARGIN_NS - 100_000) / 16);
  for (let i = 0; i < 400; i++) margin.observe(0);
  t.true(margin.currentNs >= 100_000 && margin.currentNs < 100_001);
});
