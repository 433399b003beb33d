/**
 * The simulator backend on its own: scheduled inputs, real-time stamps, a register
 * model that outlives a run, and the restore of function select between runs.
 */
import test from 'ava';
import { SimBackend } from '../../runtime/backends/sim/simBackend.js';
import { runInline } from '../../runtime/run/runInline.js';
import { type Asm, assemble, fselOffset, ms, out, set, waitLevel } from '../_helpers/assemble.js';

const C: Asm = ['COMMIT'];

test('inputs are recorded as edges at their own times, even after the last instant', (t) => {
  const sim = new SimBackend({
    kind: 'sim', clock: 'virtual',
    inputs: [{ atNs: ms(3), pin: 9, level: 0 }, { atNs: ms(1), pin: 9, level: 1 }, { atNs: ms(5), pin: 10, level: 1 }],
  });
  const r = runInline(assemble([['WAIT', ms(2)], ['MARK', 'a'], ['WAIT', ms(4)]]), { backend: sim });
  t.deepEqual(r.edges, [{ atNs: ms(1), pin: 9, level: 1 }, { atNs: ms(3), pin: 9, level: 0 }, { atNs: ms(5), pin: 10, level: 1 }]);
});

test('a session tells wait until when the next input changes', (t) => {
  const sim = new SimBackend({ kind: 'sim', clock: 'virtual', inputs: [{ atNs: 10, pin: 9, level: 1 }, { atNs: 20, pin: 9, level: 0 }] });
  const session = sim.open(assemble([]));
  t.is(session.nextInputChange!(0), 10);
  t.is(session.nextInputChange!(10), 20);
  t.is(session.nextInputChange!(20), Infinity);
  session.close();
});

test('real-clock edges are stamped when the write happened, never before its schedule', (t) => {
  const sim = new SimBackend({ kind: 'sim', clock: 'real' });
  const r = runInline(assemble([out(7), C, ['WAIT', ms(2)], set(7), C]), { backend: sim, keep: true });
  t.is(r.edges!.length, 1);
  t.true(r.edges![0]!.atNs >= ms(2));
  t.true(r.lateness.samples === 1 && r.lateness.maxNs >= 0);
});

test('the model outlives a run: a second run sees the levels the first left', (t) => {
  const sim = new SimBackend({ kind: 'sim', clock: 'virtual' });
  runInline(assemble([out(7), C, set(7), C]), { backend: sim, keep: true });
  t.is(sim.model!.level(7), 1);
  // The second run waits for pin 7 high: it is already (an output the first run left high).
  const r = runInline(assemble([waitLevel(7, 1, ms(1))]), { backend: sim, keep: true });
  t.is(r.status, 'ended');
  t.is(r.elapsedNs, 0);
});

test('preloaded registers are the state before the first run', (t) => {
  const sim = new SimBackend({ kind: 'sim', clock: 'virtual', registers: [[fselOffset(14), 0b100 << 12]] });
  runInline(assemble([out(15), C]), { backend: sim });
  t.is(sim.model!.functionOf(14), 0b100);
  t.is(sim.model!.functionOf(15), 0, 'restored to input after the run');
});
