import test from 'ava';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { BackendError } from '../../runtime/backends/backend.js';
import { createChardevBackend } from '../../runtime/backends/chardev/chardev.js';
import { LineFlag } from '../../runtime/backends/chardev/chardevEncoding.js';
import { fselField, fselOp, handProgram, word } from './_backendPrograms.js';
import { FakeGpiochip, IOCTL } from './_fakeGpiochip.js';

const OUT = 1;
const IN = 0;
const GPSET0 = word(0x1c);
const GPCLR0 = word(0x28);
const GPSET1 = word(0x20);
const GPLEV0 = word(0x34);
const GPLEV1 = word(0x38);

function open(chip: FakeGpiochip, program = handProgram([], { pins: [7, 8, 40], outputs: [7, 8, 40] })) {
  return createChardevBackend({ kind: 'chardev', path: chip.path }, () => chip.io()).open(program);
}

test('open requests every pin once as "pinseq", closes the chip fd, and reads the levels', (t) => {
  const chip = new FakeGpiochip();
  chip.lines[8]!.value = 1;
  chip.lines[40]!.direction = 'out';
  chip.lines[40]!.value = 1;
  const session = open(chip);
  const [request] = chip.callsOf(IOCTL.GET_LINE);
  t.deepEqual(request?.offsets, [7, 8, 40]);
  t.is(request?.consumer, 'pinseq');
  t.deepEqual(request?.lineFlags, [0, 0, 0], 'lines are requested as they are');
  t.deepEqual(chip.closed, [100], 'the chip fd is closed once the request exists');
  t.is(session.regs.length, 1024);
  t.is(session.regs[GPLEV0]!, 1 << 8);
  t.is(session.regs[GPLEV1]!, 1 << 8, 'pin 40');
  t.is(fselField(session.regs, 7), IN);
  t.is(fselField(session.regs, 40), OUT, 'function select shows the direction the line had');
  session.close();
});

test('one instant of SET and CLEAR stores is one SET_VALUES ioctl; SET/CLEAR read back 0 and levels follow', (t) => {
  const chip = new FakeGpiochip();
  for (const pin of [7, 8, 40]) chip.lines[pin]!.direction = 'out';
  const session = open(chip);
  session.regs[GPSET0] = (1 << 7) | (1 << 8);
  session.regs[GPSET1] = 1 << 8;
  session.flush!(0);
  session.regs[GPCLR0] = 1 << 8;
  session.flush!(1000);
  const sets = chip.callsOf(IOCTL.SET_VALUES);
  t.is(sets.length, 2);
  t.deepEqual([sets[0]!.bits, sets[0]!.mask], [0b111n, 0b111n]);
  t.deepEqual([sets[1]!.bits, sets[1]!.mask], [0n, 0b010n], 'only the changed line is in the mask');
  t.deepEqual(chip.lines.slice(7, 9).map((l) => l.value), [1, 0]);
  t.is(chip.lines[40]!.value, 1);
  t.is(session.regs[GPSET0]!, 0);
  t.is(session.regs[GPCLR0]!, 0);
  t.is(session.regs[GPLEV0]!, 1 << 7);
  t.is(session.regs[GPLEV1]!, 1 << 8);
  session.flush!(2000);
  t.is(chip.callsOf(IOCTL.SET_VALUES).length, 2, 'an instant with no stores costs no ioctl');
  session.close();
});

test('set 7; out 7 in one instant brings the line up high through SET_CONFIG, with no low glitch', (t) => {
  const chip = new FakeGpiochip();
  const session = open(chip);
  const [, offset, clear, set] = fselOp(7, OUT);
  session.regs[GPSET0] = 1 << 7;
  session.regs[word(offset!)] = (session.regs[word(offset!)]! & ~clear!) | set!;
  session.flush!(0);
  t.is(chip.callsOf(IOCTL.SET_VALUES).length, 0, 'the line was an input: nothing to set before the mode change');
  const [config] = chip.callsOf(IOCTL.SET_CONFIG);
  t.deepEqual(config?.lineFlags, [LineFlag.OUTPUT, LineFlag.INPUT, LineFlag.INPUT]);
  t.is(config?.outputValues, 0b1n, 'the output comes up at its latched level');
  t.deepEqual(chip.lines[7], { direction: 'out', value: 1, bias: 'as-is', usedBy: 'pinseq' });
  t.is(session.regs[GPLEV0]!, 1 << 7);
  session.close();
});

test('SET stores on an input are latched, not sent, until it becomes an output', (t) => {
  const chip = new FakeGpiochip();
  const session = open(chip);
  session.regs[GPSET0] = 1 << 8;
  session.flush!(0);
  t.is(chip.callsOf(IOCTL.SET_VALUES).length, 0);
  t.is(session.failure!(), undefined, 'no EPERM from setting an input');
  const [, offset, clear, set] = fselOp(8, OUT);
  session.regs[word(offset!)] = (session.regs[word(offset!)]! & ~clear!) | set!;
  session.flush!(1);
  t.is(chip.lines[8]!.value, 1);
  session.close();
});

test('refresh reads input levels into the level words', (t) => {
  const chip = new FakeGpiochip();
  const session = open(chip, handProgram([], { pins: [4, 33], inputs: [4, 33] }));
  chip.lines[4]!.value = 1;
  chip.lines[33]!.value = 1;
  session.refresh!(0);
  t.is(session.regs[GPLEV0]!, 1 << 4);
  t.is(session.regs[GPLEV1]!, 1 << 1);
  chip.lines[4]!.value = 0;
  session.refresh!(1);
  t.is(session.regs[GPLEV0]!, 0);
  session.close();
});

test('close applies the restored function select, then releases the request fd; twice is harmless', (t) => {
  const chip = new FakeGpiochip();
  const session = open(chip);
  const before = session.regs[0]!;
  const [, offset, clear, set] = fselOp(7, OUT);
  session.regs[word(offset!)] = (session.regs[word(offset!)]! & ~clear!) | set!;
  session.flush!(0);
  t.is(chip.lines[7]!.direction, 'out');
  session.regs[0] = before; // what the executor's restore does
  session.close();
  session.close();
  t.is(chip.lines[7]!.direction, 'in');
  t.deepEqual(chip.closed, [100, 200]);
  t.false(chip.requested);
});

test('bcm2711 pulls: an input is requested with the first pull the program sets, and a later pull change reconfigures', (t) => {
  const chip = new FakeGpiochip();
  const pullWord0 = 0xe4;
  // Pin 17: field 1 of GPIO_PUP_PDN_CNTRL_REG1 (16 pins per word); 01 = up, 10 = down.
  const program = handProgram(
    [fselOp(17, IN), ['RMW', pullWord0 + 4, 0b11 << 2, 0b01 << 2], ['COMMIT'], ['RMW', pullWord0 + 4, 0b11 << 2, 0b10 << 2], ['COMMIT']],
    { pins: [17], inputs: [17] },
  );
  const session = open(chip, program);
  t.deepEqual(chip.callsOf(IOCTL.GET_LINE)[0]?.lineFlags, [LineFlag.INPUT | LineFlag.BIAS_PULL_UP]);
  t.is(chip.lines[17]!.bias, 'up');
  session.regs[word(pullWord0 + 4)] = 0b10 << 2;
  session.flush!(0);
  t.deepEqual(chip.callsOf(IOCTL.SET_CONFIG)[0]?.lineFlags, [LineFlag.INPUT | LineFlag.BIAS_PULL_DOWN]);
  t.is(chip.lines[17]!.bias, 'down');
  session.close();
});

test('bcm2835 pulls: the GPPUD/GPPUDCLK sequence in the code gives the request its bias', (t) => {
  const chip = new FakeGpiochip(54, '/dev/gpiochip0', 'pinctrl-bcm2835');
  const program = handProgram(
    [fselOp(22, IN, bcm2835.layout), ['WRITE', 0x94, 1], ['SPIN', 10000], ['WRITE', 0x98, 1 << 22], ['SPIN', 10000], ['WRITE', 0x94, 0], ['WRITE', 0x98, 0], ['COMMIT']],
    { pins: [22], inputs: [22], layout: bcm2835.layout, chip: 'bcm2835' },
  );
  open(chip, program).close();
  t.deepEqual(chip.callsOf(IOCTL.GET_LINE)[0]?.lineFlags, [LineFlag.INPUT | LineFlag.BIAS_PULL_DOWN]);
  t.is(chip.lines[22]!.bias, 'down');
});

test('an ioctl failure during flush is recorded, not thrown, and reported by failure()', (t) => {
  const chip = new FakeGpiochip();
  chip.lines[7]!.direction = 'out';
  const session = open(chip);
  chip.failNext = { request: IOCTL.SET_VALUES, errno: 5 };
  session.regs[GPSET0] = 1 << 7;
  t.notThrows(() => session.flush!(0));
  const failure = session.failure!();
  t.true(failure instanceof BackendError);
  t.is(failure?.code, 'E_IO');
  t.regex(failure?.message ?? '', /setting line values on \/dev\/gpiochip0 failed with errno 5/);
  session.close();
});

function openError(chip: FakeGpiochip, program = handProgram([], { pins: [7], outputs: [7] }), path = chip.path): BackendError {
  return backendErrorOf(() => createChardevBackend({ kind: 'chardev', path }, () => chip.io()).open(program));
}

function backendErrorOf(fn: () => unknown): BackendError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('expected a BackendError');
}

test('open refuses: a missing chip, a busy line, a pin the chip lacks, >64 pins, alternate functions', (t) => {
  const missing = openError(new FakeGpiochip(), undefined, '/dev/gpiochip9');
  t.is(missing.code, 'E_NOT_FOUND');
  t.regex(missing.fix ?? '', /ls \/dev\/gpiochip\*/);

  const busyChip = new FakeGpiochip();
  busyChip.lines[7]!.usedBy = 'led0';
  const busy = openError(busyChip);
  t.is(busy.code, 'E_BUSY');
  t.is(busy.message, 'pin 7 is in use by "led0"');
  t.false(busyChip.requested);
  t.deepEqual(busyChip.closed, [100], 'the chip fd is closed on failure too');

  const small = openError(new FakeGpiochip(8), handProgram([], { pins: [7, 9] }));
  t.is(small.code, 'E_NOT_FOUND');
  t.regex(small.message, /pin 9 is not a line of \/dev\/gpiochip0 \(pinctrl-bcm2711 has 8 lines\)/);

  t.notThrows(() => open(new FakeGpiochip(), handProgram([], { pins: Array.from({ length: 58 }, (_, i) => i) })).close(), 'all 58 pins fit one request');

  const layout = { ...bcm2711.layout, gpioCount: 96, set: [0x1c, 0x20, 0x24], clear: [0x28, 0x2c, 0x30], level: [0x34, 0x38, 0x3c] };
  const tooMany = openError(new FakeGpiochip(96), handProgram([], { pins: Array.from({ length: 65 }, (_, i) => i), layout }));
  t.is(tooMany.code, 'E_UNSUPPORTED');
  t.regex(tooMany.message, /uses 65 pins; one gpiochip line request holds at most 64/);

  const alt = openError(new FakeGpiochip(), handProgram([fselOp(14, 0b100), ['COMMIT']], { pins: [14] }));
  t.is(alt.code, 'E_UNSUPPORTED');
  t.regex(alt.message, /alternate function on pin 14/);
});

test('a request the kernel refuses with EBUSY or EACCES becomes E_BUSY or E_PERMISSION with a fix', (t) => {
  const chip = new FakeGpiochip();
  chip.failNext = { request: IOCTL.GET_LINE, errno: 16 };
  t.is(openError(chip).code, 'E_BUSY');
  chip.failNext = { request: IOCTL.GET_LINE, errno: 13 };
  const denied = openError(chip);
  t.is(denied.code, 'E_PERMISSION');
  t.regex(denied.fix ?? '', /usermod -aG gpio/);
  const noPermission = new FakeGpiochip();
  const io = noPermission.io();
  const error = backendErrorOf(() =>
    createChardevBackend({ kind: 'chardev', path: noPermission.path }, () => ({
      ...io,
      open: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    })).open(handProgram([], { pins: [7] })),
  );
  t.is(error.code, 'E_PERMISSION');
});
