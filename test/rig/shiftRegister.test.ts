/**
 * The worked example of a test rig (README "Embedding in a test rig"): pinseq drives a
 * simulated 74HC595 shift register, and the test asserts what the chip would latch.
 * The device is modelled from the recorded edges in test/rig/_hc595.ts.
 */
import test from 'ava';
import { fileURLToPath } from 'node:url';
import { open, pulsesOf } from 'pinseq';
import { hc595Outputs, setupTimeNs } from './_hc595.js';

const script = { file: fileURLToPath(new URL('../../../scripts/rig/hc595.gpio', import.meta.url)) };
const wiring = { ser: 17, srclk: 27, rclk: 22 };
// Virtual time: waits are free and every edge lands exactly on the schedule.
const sim = open({ backend: 'sim', clock: 'virtual' });

for (const value of [0xa5, 0x00, 0xff, 0x01, 0x80]) {
  test(`the 74HC595 latches 0x${value.toString(16).padStart(2, '0')}`, async (t) => {
    const run = await sim.run(script, { params: { value } });
    t.is(run.status, 'ended');
    const latched = hc595Outputs(run.edges ?? [], wiring);
    t.deepEqual(latched.map((l) => l.value), [value]);
    // The latch happens after the eighth clock: 8 × 2 µs of shifting.
    t.is(latched[0]!.atNs, 16_000);
    t.is(run.marks[0]?.text, 'latched');
  });
}

test('the script meets the chip\'s timing: 1 µs set-up, 1 µs clock pulses, 8 clocks, 1 latch pulse', async (t) => {
  const run = await sim.run(script, { params: { value: 0x5a } });
  const edges = run.edges ?? [];
  t.is(setupTimeNs(edges, wiring), 1000);
  t.deepEqual(pulsesOf(edges, wiring.srclk).map((p) => p.widthNs), Array(8).fill(1000));
  t.deepEqual(pulsesOf(edges, wiring.rclk).map((p) => p.widthNs), [1000]);
});

test('a value that does not fit a byte is still only 8 bits on the wire', async (t) => {
  const run = await sim.run(script, { params: { value: 0x1a5 } });
  t.deepEqual(hc595Outputs(run.edges ?? [], wiring).map((l) => l.value), [0xa5]);
});

test('the exit block ran and left every pin low', async (t) => {
  const run = await sim.run(script, { params: { value: 0xff } });
  t.true(run.exitRan);
  const last = new Map<number, number>();
  for (const e of run.edges ?? []) last.set(e.pin, e.level);
  t.deepEqual([...last.values()], [0, 0, 0]);
});
