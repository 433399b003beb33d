import test from 'ava';
import { Op, type Program } from '../../runtime/program/program.js';
import { programFromJson, programToJson } from '../../runtime/program/programJson.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { at, clear, every, input, instant, log, lowerOk, out, repeat, script, set, toggle, wait, waitUntil } from '../compile/_irBuilders.js';

function sample(t: Parameters<typeof lowerOk>[0], chip = bcm2711): Program {
  return lowerOk(t, script([
    instant(out([7, 8]), input(4, 'up', at(2, 1))),
    repeat(Infinity, [
      instant(set(7, at(3, 3))), wait(250e6), instant(toggle(40)),
      every(1e6, 3, [waitUntil(4, 1, 5e6, [log('late', 'mark')])]),
    ]),
  ], {
    onExit: [instant(clear(7)), log('bye')],
    pinNames: { 7: 'led', 4: 'button' },
    params: { count: { type: 'int', value: 5 }, on: { type: 'duration', ns: 250e6 } },
  }), chip);
}

test('a program survives programToJson → JSON text → programFromJson exactly', (t) => {
  for (const chip of [bcm2711, bcm2835]) {
    const p = sample(t, chip);
    const back = programFromJson(JSON.parse(JSON.stringify(programToJson(p))));
    t.deepEqual(back, { ok: true, program: p });
    if (back.ok) {
      t.true(back.program.code instanceof Float64Array);
      t.true(back.program.opSpans instanceof Int32Array);
    }
  }
});

test('typed arrays become plain arrays and a forever count becomes the string "Infinity"', (t) => {
  const json = programToJson(sample(t));
  t.true(Array.isArray(json.code));
  t.true(Array.isArray(json.opSpans));
  t.true(json.code.includes('Infinity'));
  t.false(json.code.some((slot) => typeof slot === 'number' && !Number.isFinite(slot)));
  t.is(json.code[json.code.indexOf('Infinity') - 1], Op.LOOP);
});

test('keys come out in a fixed order, whatever order the program object was built in', (t) => {
  const p = sample(t);
  const shuffled = Object.fromEntries(Object.entries(p).reverse()) as unknown as Program;
  const layoutShuffled = { ...shuffled, layout: Object.fromEntries(Object.entries(p.layout).reverse()) } as unknown as Program;
  const text = JSON.stringify(programToJson(p));
  t.is(JSON.stringify(programToJson(layoutShuffled)), text);
  t.deepEqual(Object.keys(programToJson(p)), [
    'format', 'version', 'chip', 'layout', 'code', 'exitEntry', 'maxLoopDepth', 'strings', 'spans', 'opSpans',
    'restore', 'pins', 'outputs', 'inputs', 'pinNames', 'params',
  ]);
  t.deepEqual(Object.keys(programToJson(p).layout), [
    'family', 'gpioCount', 'windowBytes', 'set', 'clear', 'level', 'functionSelect', 'forbidden', 'physicalBase', 'pull',
  ]);
});

test('layout fields this module does not know yet are kept, after the known ones', (t) => {
  const p = sample(t);
  const extended = { ...p, layout: { ...p.layout, zeta: 1, alpha: [2] } } as Program;
  const json = programToJson(extended);
  t.deepEqual(Object.keys(json.layout).slice(-2), ['alpha', 'zeta']);
});

test('programFromJson refuses malformed JSON data instead of throwing', (t) => {
  const json = programToJson(sample(t));
  t.deepEqual(programFromJson(null), { ok: false, errors: ['a program must be a JSON object'] });
  t.deepEqual(programFromJson({ ...json, code: 'END' }), { ok: false, errors: ['code must be an array of numbers'] });
  t.deepEqual(programFromJson({ ...json, code: [0, 'x'] }), { ok: false, errors: ['code[1] must be a number, got "x"'] });
  t.deepEqual(programFromJson({ ...json, opSpans: [0.5] }), { ok: false, errors: ['opSpans must be an array of 32-bit integers'] });
  t.deepEqual(programFromJson({ ...json, opSpans: [2 ** 31] }), { ok: false, errors: ['opSpans must be an array of 32-bit integers'] });
});

test('programFromJson validates: a well-formed but unsafe program is refused', (t) => {
  const json = programToJson(sample(t));
  // Point the first store at GPEDS0, an event-detect register the kernel owns.
  const code = [...json.code];
  code[1] = 0x40;
  const result = programFromJson({ ...json, code });
  t.false(result.ok);
  if (!result.ok) t.regex(result.errors.join('\n'), /pc 0: RMW offset 0x40 is a forbidden register/);
});
