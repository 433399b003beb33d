/**
 * Property tests: for random IR, the lowered program does what the IR says (same pin
 * states at every schedule point as playing the IR action by action), passes the
 * runtime's validator, survives a JSON round trip, and prints.
 */
import test from 'ava';
import fc from 'fast-check';
import { OP_LENGTH } from '../../runtime/program/program.js';
import { programFromJson, programToJson } from '../../runtime/program/programJson.js';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import type { IrAction, IrNode, IrScript } from '../../src/compile/ir.js';
import { lowerProgram } from '../../src/compile/lowerProgram.js';
import { printProgram } from '../../src/compile/printProgram.js';
import { at } from './_irBuilders.js';
import { runIr, runProgram } from './_referenceRuns.js';

/** Pins in both banks, two sharing a function-select word, and bank 0's top bit. */
const PINS = [4, 5, 7, 31, 33, 40];

const span = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 })).map(([line, column]) => at(line, column));
const pin = fc.constantFrom(...PINS);

const action: fc.Arbitrary<IrAction> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('drive' as const), pin, level: fc.constantFrom(0 as const, 1 as const, 'toggle' as const), span }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('mode' as const),
      pin,
      fn: fc.constantFrom('out' as const, 'in' as const, 'alt' as const),
      alt: fc.integer({ min: 0, max: 5 }),
      pull: fc.constantFrom(undefined, 'up' as const, 'down' as const, 'none' as const),
      span,
    }).map((m) => ({ ...m, alt: m.fn === 'alt' ? m.alt : undefined, pull: m.fn === 'in' ? m.pull : undefined })),
  },
);

const { nodes } = fc.letrec<{ nodes: IrNode[]; node: IrNode }>((tie) => ({
  nodes: fc.array(tie('node'), { maxLength: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('instant' as const), actions: fc.array(action, { maxLength: 5 }), span }),
    fc.record({ kind: fc.constant('wait' as const), ns: fc.integer({ min: 1, max: 5000 }), span }),
    fc.record({ kind: fc.constantFrom('log' as const, 'mark' as const), text: fc.constantFrom('a', 'b', 'c'), span }),
    fc.record({
      kind: fc.constant('loop' as const),
      count: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Infinity)),
      periodNs: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      body: tie('nodes') as fc.Arbitrary<IrNode[]>,
      span,
    }),
    fc.record({
      kind: fc.constant('waitLevel' as const),
      pin,
      level: fc.constantFrom(0 as const, 1 as const),
      timeoutNs: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      orElse: fc.option(tie('nodes') as fc.Arbitrary<IrNode[]>, { nil: undefined }),
      span,
    }),
  ),
}));

const scriptArb: fc.Arbitrary<IrScript> = fc.record({
  file: fc.constant('/scripts/random.gpio'),
  params: fc.constant({}),
  pinNames: fc.constant({ 4: 'button', 7: 'led' }),
  body: nodes,
  onExit: nodes,
});

const levels = fc.array(fc.constantFrom(0 as const, 1 as const), { minLength: PINS.length, maxLength: PINS.length });

for (const chip of [bcm2711, bcm2835]) {
  test(`${chip.name}: the lowered program records the same pin states as the IR, played action by action`, (t) => {
    fc.assert(fc.property(scriptArb, levels, (ir, initial) => {
      const { program, diagnostics } = lowerProgram(ir, chip);
      if (!program) return t.fail(JSON.stringify(diagnostics));
      t.deepEqual(runProgram(program, PINS, initial), runIr(ir, chip, PINS, initial));
      return true;
    }), { numRuns: 300 });
  });

  test(`${chip.name}: every lowered program validates, round-trips through JSON, and prints one line per op`, (t) => {
    fc.assert(fc.property(scriptArb, (ir) => {
      const program = lowerProgram(ir, chip).program!;
      const validated = validateProgram(program);
      if (!validated.ok) return t.fail(validated.errors.join('\n'));
      const back = programFromJson(JSON.parse(JSON.stringify(programToJson(program))));
      t.deepEqual(back, { ok: true, program });
      let opCount = 0;
      for (let pc = 0; pc < program.code.length; pc += OP_LENGTH[program.code[pc]!]!) opCount++;
      t.is(printProgram(program).split('\n').filter((line) => /^\d{4}/.test(line)).length, opCount);
      return true;
    }), { numRuns: 150 });
  });
}
