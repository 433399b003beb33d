/**
 * Trace replay: the edges rebuilt from (commit pc, time) records must equal the edges
 * the simulator recorded for the same run, including runtime toggles, function
 * changes, a hot reload and the final restore.
 */
import test from 'ava';
import { SimBackend } from '../../runtime/backends/sim/simBackend.js';
import { VirtualClock } from '../../runtime/clock/clock.js';
import { ControlBlock, type RecordSink } from '../../runtime/run/control.js';
import { Op } from '../../runtime/program/program.js';
import { runSession } from '../../runtime/run/runSession.js';
import { edgesFromData } from '../../runtime/backends/sim/edgeLog.js';
import { instantStarts, replayTrace } from '../../runtime/trace/traceReplay.js';
import { type Asm, assemble, clear, fselOffset, mode, ms, out, set, toggle, waitLevel } from '../_helpers/assemble.js';

const C: Asm = ['COMMIT'];

function collector(): RecordSink & { data: number[] } {
  const data: number[] = [];
  return { data, record: (kind, pc, a, b) => void data.push(kind, pc, a, b) };
}

test('replayed edges equal the simulator\'s, across a hot reload and the restore', (t) => {
  const a = assemble([out(7), out(9), C, ['LOOP', 3, [clear(7), toggle(9), C, ['WAIT', ms(1)], set(7), C, ['WAIT', ms(1)]]], ['WAIT', ms(1)]]);
  const b = assemble([out(8), mode(9, 4), C, set(8), C, ['LOOP', 2, [toggle(8), C, ['WAIT', ms(1)]]]]);
  const control = new ControlBlock();
  const trace = collector();
  let offered = false;
  // Announced before the start: taken at the first boundary of the outermost loop (2 ms).
  control.announceReplacement();
  const sim = new SimBackend({ kind: 'sim', clock: 'virtual', registers: [[fselOffset(9), 0]] }, new VirtualClock());
  const output = runSession(a, () => sim, sim.clock, {
    control,
    events: collector(),
    trace,
    levels: null,
    replacements: { take: () => (offered ? undefined : ((offered = true), { seq: 1, program: b })) },
  }, { snapshot: true });
  t.is(output.outcome.status, 'ended');
  const simEdges = edgesFromData(output.edges!);
  const replayed = replayTrace(a, { data: Float64Array.from(trace.data), count: trace.data.length / 4 }, output.initialWords!, new Map([[1, b]]));
  t.deepEqual(replayed, simEdges);
  // Pin 7 was high at the switch and b does not use it: released to input, it falls at 2 ms.
  t.deepEqual(simEdges.filter((e) => e.pin === 7).map((e) => [e.atNs, e.level]), [[ms(1), 1], [ms(2), 0]]);
});

test('each commit replays the ops since the previous boundary, including after jumps', (t) => {
  const p = assemble([set(7), C, ['LOOP', 2, [clear(7), C, ['WAIT', 1]]], waitLevel(9, 1, 5, [set(8), C]), clear(8), ['MARK', 'm'], C]);
  const starts = instantStarts(p);
  const commits = [...p.code.keys()].filter((pc) => p.code[pc] === Op.COMMIT && starts[pc]! >= 0);
  // set 7 | loop body: clear 7 | else block: set 8 | after the JUMP target: clear 8 (the mark is inside the instant).
  t.deepEqual(commits.map((pc) => [starts[pc], p.code[starts[pc]!]]), [[0, Op.WRITE], [7, Op.WRITE], [23, Op.WRITE], [27, Op.WRITE]]);
});
