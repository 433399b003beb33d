import test from 'ava';
import type { IrAction, IrNode } from '../../src/compile/ir.js';
import { elaborateText } from '../check/_elaborateText.js';

/** The IR without spans, one string per node (loops nest), so expected shapes read like scripts. */
type Shape = string | { readonly [head: string]: Shape[] };

function action(a: IrAction): string {
  if (a.kind === 'drive') return `${a.level === 'toggle' ? 'toggle' : a.level ? 'set' : 'clear'} ${a.pin}`;
  return `${a.fn}${a.alt !== undefined ? a.alt : ''} ${a.pin}${a.pull ? ` pull ${a.pull}` : ''}`;
}

function shape(nodes: readonly IrNode[]): Shape[] {
  return nodes.map((node): Shape => {
    switch (node.kind) {
      case 'instant':
        return node.actions.map(action).join(', ');
      case 'wait':
        return `wait ${node.ns}`;
      case 'loop':
        return { [`${node.count === Infinity ? 'forever' : `repeat ${node.count}`}${node.periodNs ? ` every ${node.periodNs}` : ''}`]: shape(node.body) };
      case 'waitLevel': {
        const head = `until ${node.pin} ${node.level ? 'high' : 'low'}${node.timeoutNs !== undefined ? ` timeout ${node.timeoutNs}` : ''}`;
        return node.orElse ? { [head]: shape(node.orElse) } : head;
      }
      case 'log':
      case 'mark':
        return `${node.kind} ${node.text}`;
    }
  });
}

/** Elaborates text that must have no diagnostics at all and returns the shape of its body. */
function bodyOf(text: string): Shape[] {
  const { ir, diagnostics } = elaborateText(text);
  if (diagnostics.length > 0 || !ir) throw new Error(diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`).join('\n'));
  return shape(ir.body);
}

test('the design card one-liner: an instant, then a loop of two instants and a wait', (t) => {
  const { ir } = elaborateText('out 7..11; repeat 5 < set 7..11; wait 250ms; clear 7..11 >');
  t.deepEqual(shape(ir!.body), [
    'out 7, out 8, out 9, out 10, out 11',
    { 'repeat 5': ['set 7, set 8, set 9, set 10, set 11', 'wait 250000000', 'clear 7, clear 8, clear 9, clear 10, clear 11'] },
  ]);
  t.deepEqual(ir!.onExit, []);
  t.deepEqual(ir!.params, {});
  t.is(ir!.file, '/virtual/main.gpio');
});

test('def expansion binds arguments at each call and does not end the instant', (t) => {
  t.deepEqual(bodyOf('def chase(p, t) < set p; wait t; clear p >\nout 7..9\nrepeat 3 < chase(7, 50ms); chase(8, 20ms) >\n'), [
    'out 7, out 8, out 9',
    { 'repeat 3': ['set 7', 'wait 50000000', 'clear 7, set 8', 'wait 20000000', 'clear 8'] },
  ]);
});

test('defs may call defs, and see globals and pin-list arguments', (t) => {
  const text = 'pins bar = 7..8\nconst t = 1ms\ndef pulse(p) < set p; wait t; clear p >\ndef both() < pulse(bar); pulse(9) >\nout bar, 9\nboth()\n';
  t.deepEqual(bodyOf(text), ['out 7, out 8, out 9, set 7, set 8', 'wait 1000000', 'clear 7, clear 8, set 9', 'wait 1000000', 'clear 9']);
});

test('for unrolls over integers with bit(): the serial byte of the spec, LSB first', (t) => {
  const text = 'pin tx = 14\nconst tbit = 104167ns\ndef byte(b) < clear tx; wait tbit; for i in 0..7 < write tx = bit(b, i); wait tbit >; set tx; wait tbit >\nout tx; set tx; wait 1ms\nbyte(0x48)\n';
  const levels = bodyOf(text).filter((node): node is string => typeof node === 'string' && !node.startsWith('wait'));
  // Start bit, 0x48 = 0b0100_1000 from bit 0 up, stop bit.
  t.deepEqual(levels, ['out 14, set 14', 'clear 14', 'clear 14', 'clear 14', 'clear 14', 'set 14', 'clear 14', 'clear 14', 'set 14', 'clear 14', 'set 14']);
});

test('for goes over each pin of a pin list, a reversed range, and listed durations', (t) => {
  t.deepEqual(bodyOf('pins bar = 7..9\nout bar\nfor p in bar < toggle p >\n'), ['out 7, out 8, out 9, toggle 7, toggle 8, toggle 9']);
  t.deepEqual(bodyOf('out 7..9\nfor p in 9..7 < set p; wait 1ms >\n'), ['out 7, out 8, out 9, set 9', 'wait 1000000', 'set 8', 'wait 1000000', 'set 7', 'wait 1000000']);
  t.deepEqual(bodyOf('for d in 1ms, 2us < wait d >\n'), ['wait 1000000', 'wait 2000']);
});

test('a param override changes the IR: the count, the duration and the pins', (t) => {
  const text = 'pin bar = 7..8\nparam count = 5\nparam on = 250ms\nparam leds = bar\nout leds\nrepeat count < set leds; wait on; clear leds; wait on >\n';
  const { ir, diagnostics } = elaborateText(text, { params: { count: '2', on: '1ms', leds: '20..21' } });
  t.deepEqual(diagnostics, []);
  t.deepEqual(shape(ir!.body), ['out 20, out 21', { 'repeat 2': ['set 20, set 21', 'wait 1000000', 'clear 20, clear 21', 'wait 1000000'] }]);
  t.deepEqual(ir!.params, { count: { type: 'int', value: 2 }, on: { type: 'duration', ns: 1_000_000 }, leds: { type: 'pins', pins: [20, 21] } });
});

test('instants: wait 0 ends one without a node; loops end them; log and mark do not', (t) => {
  t.deepEqual(bodyOf('out 7..9\nset 7; wait 0; set 8\n'), ['out 7, out 8, out 9, set 7', 'set 8']);
  t.deepEqual(bodyOf('out 7..9\nset 7; repeat 2 < set 8; wait 1ms >; set 9\n'), ['out 7, out 8, out 9, set 7', { 'repeat 2': ['set 8', 'wait 1000000'] }, 'set 9']);
  t.deepEqual(bodyOf('out 7, 8\nset 7; log "a"; set 8; mark "b"; wait 1ms; log "c"\n'), ['out 7, out 8, set 7, set 8', 'log a', 'mark b', 'wait 1000000', 'log c']);
});

test('function select: in with and without pull, alt, out', (t) => {
  t.deepEqual(bodyOf('in 4 pull up\nin 5\nalt 0 14, 15\nout 6\n'), ['in 4 pull up, in 5, alt0 14, alt0 15, out 6']);
});

test('wait until with a timeout and an else block; periodic loops', (t) => {
  t.deepEqual(bodyOf('in 27 pull up\nwait until 27 low timeout 5s else < log "held" >\nwait until 27 high\n'), [
    'in 27 pull up',
    { 'until 27 low timeout 5000000000': ['log held'] },
    'until 27 high',
  ]);
  t.deepEqual(bodyOf('out 18\nrepeat 3 every 20ms < set 18; wait 1ms; clear 18 >\nevery 1s < log "tick" >\n'), [
    'out 18',
    { 'repeat 3 every 20000000': ['set 18', 'wait 1000000', 'clear 18'] },
    { 'forever every 1000000000': ['log tick'] },
  ]);
});

test('on exit becomes its own node list', (t) => {
  const { ir } = elaborateText('pins bar = 7..11\nout bar\non exit < clear bar >\nset bar; wait 1ms\n');
  t.deepEqual(shape(ir!.onExit), ['clear 7, clear 8, clear 9, clear 10, clear 11']);
  t.deepEqual(shape(ir!.body), ['out 7, out 8, out 9, out 10, out 11, set 7, set 8, set 9, set 10, set 11', 'wait 1000000']);
});

test('pin names: the first alias naming a pin, indexed for a list, imported ones too', (t) => {
  const files = { 'lib.gpio': 'pin status = GPIO4\n' };
  const { ir } = elaborateText('import "lib.gpio"\npins bar = 7..9\npin led = GPIO17\npin also = 7\nout bar, led, also, status\n', { files });
  t.deepEqual(ir!.pinNames, { 4: 'status', 7: 'bar[0]', 8: 'bar[1]', 9: 'bar[2]', 17: 'led' });
});

test('spans: an instant has its first statement, an action its pin expression', (t) => {
  const { ir } = elaborateText('pins bar = 7..8\nout bar\nset 9, bar\n');
  const instant = ir!.body[0]!;
  t.like(instant.span, { line: 2, column: 1 });
  t.is(instant.kind, 'instant');
  if (instant.kind !== 'instant') return;
  t.deepEqual(instant.actions.map((a) => `${a.pin}@${a.span.line}:${a.span.column}-${a.span.endColumn}`), ['7@2:5-8', '8@2:5-8', '9@3:5-6', '7@3:8-11', '8@3:8-11']);
});

test('the IR is withheld when there is an error, and given with warnings', (t) => {
  const broken = elaborateText('out 7\nwait 5\n');
  t.is(broken.ir, undefined);
  t.is(broken.diagnostics.length, 1);
  const warned = elaborateText('set 7\n');
  t.truthy(warned.ir);
  t.deepEqual(warned.diagnostics.map((d) => d.code), ['W_NOT_OUTPUT']);
});
