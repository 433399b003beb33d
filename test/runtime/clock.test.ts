/**
 * Clocks: virtual time is the schedule; the real clock never returns before a deadline,
 * and a doorbell change cuts a sleep short.
 */
import { Worker } from 'node:worker_threads';
import test from 'ava';
import { RealClock, Step, VirtualClock } from '../../runtime/clock/clock.js';
import { Control, ControlBlock } from '../../runtime/run/control.js';

test('virtual time jumps to each deadline and never goes back', (t) => {
  const clock = new VirtualClock();
  const control = new ControlBlock();
  clock.start();
  t.true(clock.sleepUntil(5_000, control.words, control.doorbell()));
  t.is(clock.now(), 5_000);
  t.true(clock.sleepUntil(1_000, control.words, control.doorbell()));
  t.is(clock.now(), 5_000);
  clock.spin();
  t.is(clock.now(), 5_000);
});

test('a virtual sleep is refused once the doorbell has rung', (t) => {
  const clock = new VirtualClock();
  const control = new ControlBlock();
  clock.start();
  const seen = control.doorbell();
  control.requestStop();
  t.false(clock.sleepUntil(5_000, control.words, seen));
  t.is(clock.now(), 0);
});

test('the real clock sleeps until the deadline, not before', (t) => {
  const clock = new RealClock();
  const control = new ControlBlock();
  clock.start();
  const deadline = clock.now() + 2_000_000;
  t.true(clock.sleepUntil(deadline, control.words, control.doorbell()));
  t.true(clock.now() >= deadline);
  const spinEnd = clock.now() + 50_000;
  clock.spin(50_000);
  t.true(clock.now() >= spinEnd);
  clock.finish();
});

test('a doorbell rung from another thread wakes a long real sleep at once', (t) => {
  const clock = new RealClock();
  const control = new ControlBlock();
  clock.start();
  // The other thread rings after 50 ms; the sleep would otherwise last 10 s.
  const ringer = new Worker(`
    const { workerData } = require('node:worker_threads');
    const words = new Int32Array(workerData);
    setTimeout(() => { Atomics.add(words, ${Control.DOORBELL}, 1); Atomics.notify(words, ${Control.DOORBELL}); }, 50);
  `, { eval: true, workerData: control.buffer });
  const woke = clock.sleepUntil(clock.now() + 10e9, control.words, control.doorbell());
  t.false(woke);
  t.true(clock.now() < 5e9);
  clock.finish();
  return ringer.terminate().then(() => undefined);
});

test('a real sleep step is NOT_YET before the deadline, REACHED after it, RUNG once the doorbell has rung', (t) => {
  const clock = new RealClock();
  const control = new ControlBlock();
  clock.start();
  const seen = control.doorbell();
  const deadline = clock.now() + 5_000_000;
  // The first step sleeps (5 ms is beyond the spin margin) and never reports the deadline itself.
  t.is(clock.sleepStep(deadline, control.words, seen), Step.NOT_YET);
  while (clock.sleepStep(deadline, control.words, seen) === Step.NOT_YET) {
    // The caller's loop is the spin.
  }
  t.true(clock.now() >= deadline);
  control.requestStop();
  t.is(clock.sleepStep(clock.now() + 5_000_000, control.words, seen), Step.RUNG);
  clock.finish();
});

test('a virtual sleep step reaches its deadline at once', (t) => {
  const clock = new VirtualClock();
  const control = new ControlBlock();
  clock.start();
  t.is(clock.sleepStep(7_000, control.words, control.doorbell()), Step.REACHED);
  t.is(clock.now(), 7_000);
  t.is(clock.sleepStep(9_000, control.words, control.doorbell() + 1), Step.RUNG);
  t.is(clock.now(), 7_000);
});
