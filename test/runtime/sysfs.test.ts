import test from 'ava';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendError } from '../../runtime/backends/backend.js';
import { sysfsBackend } from '../../runtime/backends/sysfs/sysfs.js';
import { findSysfsBase, sysfsError } from '../../runtime/backends/sysfs/sysfsFiles.js';
import { fselField, fselOp, handProgram, word } from './_backendPrograms.js';
import { FakeSysfsKernel, makeFakeSysfs, preExport } from './_fakeSysfs.js';

const GPSET0 = word(0x1c);
const GPCLR0 = word(0x28);
const GPLEV0 = word(0x34);

function read(root: string, number: number, file: 'value' | 'direction'): string {
  // Writes go to offset 0 without truncating (as sysfs needs), so a fake file can keep a tail: take the first word.
  return /^(high|low|out|in|0|1|Z)/.exec(readFileSync(join(root, `gpio${number}`, file), 'utf8'))?.[0] ?? '';
}

function setMode(regs: Uint32Array, pin: number, code: number): void {
  const [, offset, clear, set] = fselOp(pin, code);
  regs[word(offset!)] = (regs[word(offset!)]! & ~clear!) | set!;
}

test('export, drive, read back and unexport through the files, numbered from the SoC chip base', async (t) => {
  const root = makeFakeSysfs([
    { base: 512, ngpio: 58, label: 'pinctrl-bcm2711' },
    { base: 570, ngpio: 8, label: 'raspberrypi-exp-gpio' },
  ]);
  const kernel = new FakeSysfsKernel(root);
  t.teardown(() => kernel.stop());
  const session = sysfsBackend({ kind: 'sysfs', root }).open(handProgram([], { pins: [7, 8], outputs: [7, 8] }));
  t.true(existsSync(join(root, 'gpio519')), 'pin 7 is sysfs GPIO 512 + 7');
  t.true(existsSync(join(root, 'gpio520')));
  t.is(fselField(session.regs, 7), 0, 'a freshly exported pin is an input');

  // set 7; out 7, 8 in one instant: 7 comes up high, 8 low, straight from the direction write.
  session.regs[GPSET0] = 1 << 7;
  setMode(session.regs, 7, 1);
  setMode(session.regs, 8, 1);
  session.flush!(0);
  t.is(read(root, 519, 'direction'), 'high');
  t.is(read(root, 520, 'direction'), 'low');
  t.is(session.regs[GPLEV0]!, 1 << 7);
  t.is(session.regs[GPSET0]!, 0);

  // Only pins whose level changed are written: mark pin 8's file and see that it stays.
  writeFileSync(join(root, 'gpio520', 'value'), 'Z\n');
  session.regs[GPCLR0] = 1 << 7;
  session.flush!(1);
  t.is(read(root, 519, 'value'), '0');
  t.is(read(root, 520, 'value'), 'Z', 'pin 8 did not change, so its file was not written');
  t.is(session.regs[GPLEV0]!, 0);

  // Back to input, then close: unexported.
  setMode(session.regs, 7, 0);
  session.flush!(2);
  t.is(read(root, 519, 'direction'), 'in');
  session.close();
  t.true(await kernel.waitUnexported(519));
  t.true(await kernel.waitUnexported(520));
  t.is(session.failure!(), undefined);
  session.close();
});

test('a pin exported before the run is used as it is and stays exported', (t) => {
  const root = makeFakeSysfs();
  preExport(root, 521, 'out', 1);
  preExport(root, 522, 'in', 1);
  const session = sysfsBackend({ kind: 'sysfs', root }).open(handProgram([], { pins: [9, 10], inputs: [10] }));
  t.is(fselField(session.regs, 9), 1, 'function select shows the output');
  t.is(session.regs[GPLEV0]!, (1 << 9) | (1 << 10));
  writeFileSync(join(root, 'gpio522', 'value'), '0\n');
  session.refresh!(0);
  t.is(session.regs[GPLEV0]!, 1 << 9, 'refresh reads the input; the output keeps its latch');
  setMode(session.regs, 9, 0); // an exit restore with no flush after it
  session.close();
  t.is(read(root, 521, 'direction'), 'in', 'close applied the pending function change');
  t.is(readFileSync(join(root, 'unexport'), 'utf8'), '', 'nothing unexported');
  t.true(existsSync(join(root, 'gpio521')));
});

test('an export that never appears fails within the timeout, naming the directory', (t) => {
  const root = makeFakeSysfs([]);
  const error = t.throws(() => sysfsBackend({ kind: 'sysfs', root }, { exportTimeoutMs: 30 }).open(handProgram([], { pins: [4] })), { instanceOf: BackendError });
  t.is(error?.code, 'E_NOT_FOUND');
  t.is(error?.message, `${join(root, 'gpio4')} did not appear within 30 ms of exporting GPIO 4`);
  t.is(readFileSync(join(root, 'unexport'), 'utf8'), '4\n', 'what it exported, it unexports');
});

test('no export file means no sysfs GPIO in this kernel', (t) => {
  const root = makeFakeSysfs([]);
  rmSync(join(root, 'export'));
  const error = t.throws(() => sysfsBackend({ kind: 'sysfs', root }).open(handProgram([], { pins: [4] })), { instanceOf: BackendError });
  t.is(error?.code, 'E_NOT_FOUND');
  t.regex(error?.fix ?? '', /--backend chardev/);
});

test('the SoC chip base: pinctrl label first, then a chip big enough, then the lowest, else 0', (t) => {
  t.is(findSysfsBase(makeFakeSysfs([{ base: 0, ngpio: 8, label: 'gpio-expander' }, { base: 512, ngpio: 54, label: 'pinctrl-bcm2835' }]), 54), 512);
  t.is(findSysfsBase(makeFakeSysfs([{ base: 0, ngpio: 8, label: 'x' }, { base: 100, ngpio: 58, label: 'y' }]), 58), 100);
  t.is(findSysfsBase(makeFakeSysfs([{ base: 40, ngpio: 8, label: 'x' }, { base: 30, ngpio: 8, label: 'y' }]), 58), 30);
  t.is(findSysfsBase(makeFakeSysfs([]), 58), 0);
  t.is(findSysfsBase('/nonexistent/sysfs', 58), 0);
});

test('sysfs errors map to backend error codes with fixes', (t) => {
  const permission = sysfsError('exporting GPIO 519', Object.assign(new Error('EACCES'), { code: 'EACCES' }));
  t.is(permission.code, 'E_PERMISSION');
  t.regex(permission.fix ?? '', /usermod -aG gpio/);
  t.is(sysfsError('exporting GPIO 519', Object.assign(new Error('EBUSY'), { code: 'EBUSY' })).code, 'E_BUSY');
  t.is(sysfsError('exporting GPIO 999', Object.assign(new Error('EINVAL'), { code: 'EINVAL' })).code, 'E_NOT_FOUND');
  t.is(sysfsError('x', new Error('odd')).code, 'E_IO');
});
