/**
 * The BCM register model the simulator and trace replay share: GPSET/GPCLR latch the
 * outputs, GPLEV shows outputs and driven inputs, function select reads back, and every
 * visible change is an edge.
 */
import test from 'ava';
import { EdgeLog } from '../../runtime/backends/sim/edgeLog.js';
import { BcmRegisterModel } from '../../runtime/backends/sim/registerModel.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { fselField, fselOffset, LAYOUT, mask } from '../_helpers/assemble.js';

const SET0 = LAYOUT.set[0]! >>> 2;
const CLR0 = LAYOUT.clear[0]! >>> 2;
const LEV0 = LAYOUT.level[0]! >>> 2;
const SET1 = LAYOUT.set[1]! >>> 2;
const LEV1 = LAYOUT.level[1]! >>> 2;

function outputs(model: BcmRegisterModel, ...pins: number[]): void {
  for (const pin of pins) {
    const w = fselOffset(pin) >>> 2;
    model.regs[w] = ((model.regs[w]! & ~fselField(pin)) | (1 << ((pin % 10) * 3))) >>> 0;
  }
}

test('set and clear latch output pins and show on GPLEV; SET/CLR read back as 0', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  const log = new EdgeLog();
  outputs(model, 4, 5);
  model.regs[SET0] = mask(4, 5);
  model.commit(10, log);
  t.is(model.regs[LEV0], mask(4, 5));
  t.is(model.regs[SET0], 0);
  model.regs[CLR0] = mask(5);
  model.commit(20, log);
  t.is(model.regs[LEV0], mask(4));
  t.is(model.regs[CLR0], 0);
  t.deepEqual(log.edges(), [{ atNs: 10, pin: 4, level: 1 }, { atNs: 10, pin: 5, level: 1 }, { atNs: 20, pin: 5, level: 0 }]);
});

test('a pin in both SET and CLR of one instant ends low', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  outputs(model, 4);
  model.regs[SET0] = mask(4);
  model.regs[CLR0] = mask(4);
  model.commit(0, null);
  t.is(model.level(4), 0);
});

test('the latch of an input pin shows only once the pin becomes an output', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  const log = new EdgeLog();
  model.regs[SET0] = mask(7);
  model.commit(1, log);
  t.is(model.level(7), 0);
  outputs(model, 7);
  model.commit(2, log);
  t.deepEqual(log.edges(), [{ atNs: 2, pin: 7, level: 1 }]);
});

test('driven inputs show on GPLEV unless the pin is an output', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  const log = new EdgeLog();
  model.drive(9, 1, 5, log);
  t.is(model.level(9), 1);
  outputs(model, 9);
  model.commit(6, log);
  t.is(model.level(9), 0, 'output wins: its latch is low');
  model.drive(9, 0, 7, log);
  model.drive(9, 1, 8, log);
  t.deepEqual(log.edges(), [{ atNs: 5, pin: 9, level: 1 }, { atNs: 6, pin: 9, level: 0 }]);
});

test('bank 1 pins use GPSET1 and GPLEV1; pins past the chip are never shown', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  outputs(model, 40);
  model.regs[SET1] = 0xffff_ffff;
  model.commit(0, null);
  t.is(model.level(40), 1);
  t.is(model.regs[LEV1], 1 << 8, 'only GPIO 40 is an output; 58–63 do not exist');
});

test('load() presets function select and levels without edges', (t) => {
  const model = new BcmRegisterModel(bcm2711.layout);
  const log = new EdgeLog();
  model.load(fselOffset(7), 1 << 21);
  model.load(LAYOUT.level[0]!, mask(7, 9));
  model.commit(0, log);
  t.is(model.functionOf(7), 1);
  t.is(model.level(7), 1);
  t.is(model.level(9), 1);
  t.deepEqual(log.edges(), []);
});

test('the edge log stops at its cap and counts what it dropped', (t) => {
  const log = new EdgeLog(2, 4);
  for (let i = 0; i < 6; i++) log.push(i, 1, i % 2);
  t.is(log.length, 4);
  t.is(log.dropped, 2);
  t.deepEqual(log.edges().map((e) => e.atNs), [0, 1, 2, 3]);
});
