import test from 'ava';
import type { IrLoop, IrWait } from '../../src/compile/ir.js';
import { elaborateText, onlyDiagnostic } from './_elaborateText.js';

const SCRIPT = 'param count = 5\nparam period = 1s\nparam bar = 7..11\nout bar\nrepeat count < set bar; wait period; clear bar; wait period >\n';

test('params keep their defaults without overrides, and the IR records them', (t) => {
  const { ir, diagnostics } = elaborateText(SCRIPT);
  t.deepEqual(diagnostics, []);
  t.deepEqual(ir!.params, {
    count: { type: 'int', value: 5 },
    period: { type: 'duration', ns: 1e9 },
    bar: { type: 'pins', pins: [7, 8, 9, 10, 11] },
  });
});

test('overrides written as script literals, or numbers, replace the defaults', (t) => {
  const { ir, diagnostics } = elaborateText(SCRIPT, { params: { count: '0x0A', period: '250ms', bar: 'GPIO16..GPIO18' } });
  t.deepEqual(diagnostics, []);
  const loop = ir!.body[1] as IrLoop;
  t.is(loop.count, 10);
  t.is((loop.body[1] as IrWait).ns, 250_000_000);
  t.deepEqual(ir!.params.bar, { type: 'pins', pins: [16, 17, 18] });
  t.is((elaborateText(SCRIPT, { params: { count: 12 } }).ir!.body[1] as IrLoop).count, 12);
  t.deepEqual(elaborateText(SCRIPT, { params: { bar: 20 } }).ir!.params.bar, { type: 'pins', pins: [20] });
  t.deepEqual(elaborateText(SCRIPT, { params: { period: '2 * 100ms' } }).ir!.params.period, { type: 'duration', ns: 200_000_000 });
});

test('E_PARAM_OVERRIDE: an override of the wrong type, at the param name', (t) => {
  const wrong = (params: Record<string, string | number>, at: string) => onlyDiagnostic(t, SCRIPT, `E_PARAM_OVERRIDE ${at}`, { params });
  t.is(wrong({ count: '2.5' }, '1:7').message, 'The value "2.5" given for param "count" is not a whole number.');
  t.is(wrong({ count: '5ms' }, '1:7').message, 'The value "5ms" given for param "count" is a duration, but the param is a whole number.');
  const unitless = wrong({ period: '250' }, '2:7');
  t.is(unitless.message, 'The value "250" given for param "period" is a number without a unit, but the param is a duration.');
  t.is(unitless.hint, 'Did you mean "250ms"?');
  wrong({ period: 250 }, '2:7');
  t.is(wrong({ bar: '60' }, '3:7').hint, 'GPIO60 does not exist on chip "bcm2711", which has GPIO0 to GPIO57.');
});

test('E_PARAM_OVERRIDE: override text that is not a literal', (t) => {
  const named = onlyDiagnostic(t, SCRIPT, 'E_PARAM_OVERRIDE 1:7', { params: { count: 'abc' } });
  t.is(named.message, 'The value "abc" given for param "count" names "abc"; an override must be a literal value.');
  onlyDiagnostic(t, SCRIPT, 'E_PARAM_OVERRIDE 1:7', { params: { count: '5; out 3' } });
  onlyDiagnostic(t, SCRIPT, 'E_PARAM_OVERRIDE 1:7', { params: { count: '' } });
});

test('E_UNKNOWN_PARAM: an override for a param the script does not declare, at 1:1', (t) => {
  const d = onlyDiagnostic(t, SCRIPT, 'E_UNKNOWN_PARAM 1:1', { params: { cuont: 3 } });
  t.is(d.message, 'The script has no param "cuont".');
  t.is(d.hint, 'Did you mean "count"?');
  t.is(onlyDiagnostic(t, 'out 7\n', 'E_UNKNOWN_PARAM 1:1', { params: { x: 1 } }).hint, 'It declares no params.');
});

test('a param default must be a whole number, a duration or a pin list', (t) => {
  onlyDiagnostic(t, 'param ratio = 1.5\nwait ratio * 1ms\n', 'E_NOT_INTEGER 1:15');
  onlyDiagnostic(t, 'param name = "x"\nlog "hi"\nrepeat 1 < wait name >\n', 'E_TYPE 1:14');
});
