import test from 'ava';
import { Op, type Program } from '../../runtime/program/program.js';
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { bcm2835 } from '../../src/chips/bcm2835.js';
import { printProgram } from '../../src/compile/printProgram.js';
import { alt, at, clear, every, input, instant, log, lowerOk, out, repeat, script, set, toggle, wait, waitUntil } from './_irBuilders.js';

const BAR = { 7: 'bar[0]', 8: 'bar[1]', 9: 'bar[2]', 10: 'bar[3]', 11: 'bar[4]' };

/** The op lines of a printed program (those starting with a pc). */
function opLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\d{4}/.test(line));
}

/** A line without its trailing source location. */
function withoutLocation(line: string): string {
  return line.replace(/\s+;?\s*\(bar\.gpio:\d+:\d+\)$/, '');
}

test('the one-liner prints as this assembly', (t) => {
  const p = lowerOk(t, script([
    instant(out([7, 8, 9, 10, 11], at(1, 1, 9))),
    repeat(5, [
      instant(set([7, 8, 9, 10, 11], at(1, 23, 9))),
      wait(250e6, at(1, 34, 10)),
      instant(clear([7, 8, 9, 10, 11], at(1, 46, 11))),
    ], at(1, 12, 47)),
  ], { pinNames: BAR, params: { count: { type: 'int', value: 5 } }, onExit: [instant(clear([7, 8, 9, 10, 11], at(3, 11)))] }), bcm2711);
  t.is(printProgram(p), [
    '; pinseq program v1 for bcm2711, 4096-byte window',
    '; pins 7..11 (bar); outputs 7..11; inputs none',
    '; params count = 5',
    '; restores at exit GPFSEL0 & 0x3fe00000, GPFSEL1 & 0x0000003f',
    '0000  RMW         GPFSEL0 clear 0x3fe00000 set 0x09200000     ; out 7..9 (bar)  (bar.gpio:1:1)',
    '0004  RMW         GPFSEL1 clear 0x0000003f set 0x00000009     ; out 10,11 (bar)  (bar.gpio:1:1)',
    '0008  COMMIT',
    '0009  LOOP        5 times exit 0024                           ; (bar.gpio:1:12)',
    '0012  WRITE       GPSET0 = 0x00000f80                         ; set 7..11 (bar)  (bar.gpio:1:23)',
    '0015  COMMIT',
    '0016  WAIT        250ms                                       ; (bar.gpio:1:34)',
    '0018  WRITE       GPCLR0 = 0x00000f80                         ; clear 7..11 (bar)  (bar.gpio:1:46)',
    '0021  COMMIT',
    '0022  NEXT        -> 0012                                     ; (bar.gpio:1:12)',
    '0024  END',
    '; on exit',
    '0025  WRITE       GPCLR0 = 0x00000f80                         ; clear 7..11 (bar)  (bar.gpio:3:11)',
    '0028  COMMIT',
    '0029  END',
    '',
  ].join('\n'));
});

test('pulls, alternate functions, every, runtime toggles and wait until with else print with chip register names', (t) => {
  const ir = script([
    instant(input(4, 'up', at(2, 1)), alt(0, [14, 15], at(3, 1))),
    every(20e6, Infinity, [
      instant(toggle(40, at(5, 3))),
      waitUntil(4, 0, 1e9, [log('timeout', 'log', at(6, 1))], at(5, 10)),
    ], at(4, 1)),
  ], { pinNames: { 4: 'button' } });
  const text = printProgram(lowerOk(t, ir, bcm2711));
  t.deepEqual(opLines(text).slice(0, 11), [
    '0000  RMW         GPFSEL0 clear 0x00007000 set 0x00000000     ; in 4 (button)  (bar.gpio:2:1)',
    '0004  RMW         GPFSEL1 clear 0x0003f000 set 0x00024000     ; alt0 14,15  (bar.gpio:3:1)',
    '0008  RMW         GPIO_PUP_PDN_CNTRL_REG0 clear 0x00000300 set 0x00000100 ; pull up 4 (button)  (bar.gpio:2:1)',
    '0012  COMMIT',
    '0013  EVERY       20ms forever exit 0035                      ; (bar.gpio:4:1)',
    '0017  TOGGLE      GPLEV1 -> GPSET1/GPCLR1 mask 0x00000100     ; toggle 40  (bar.gpio:5:3)',
    '0022  COMMIT',
    '0023  WAIT_LEVEL  GPLEV0 & 0x00000010 low timeout 1s else 0031 ; wait until 4 (button) low  (bar.gpio:5:10)',
    '0029  JUMP        -> 0033                                     ; (bar.gpio:5:10)',
    '0031  LOG         "timeout"                                   ; (bar.gpio:6:1)',
    '0033  NEXT_EVERY  -> 0017                                     ; (bar.gpio:4:1)',
  ]);
  t.is(text.split('\n')[1], '; pins 4,14,15,40 (button); outputs none; inputs 4,40');
});

test('the bcm2835 pull sequence prints as GPPUD / GPPUDCLKn steps', (t) => {
  const lines = opLines(printProgram(lowerOk(t, script([instant(input([4, 40], 'down', at(2, 1)))]), bcm2835)));
  t.deepEqual(lines.filter((l) => /GPPUD|SPIN/.test(l)).map(withoutLocation), [
    '0008  WRITE       GPPUD = 0x00000001                          ; pull down',
    '0011  SPIN        10us',
    '0013  WRITE       GPPUDCLK0 = 0x00000010                      ; clock pull into 4',
    '0016  WRITE       GPPUDCLK1 = 0x00000100                      ; clock pull into 40',
    '0019  SPIN        10us',
    '0021  WRITE       GPPUD = 0x00000000                          ; pull control off',
    '0024  WRITE       GPPUDCLK0 = 0x00000000                      ; pull clock off',
    '0027  WRITE       GPPUDCLK1 = 0x00000000                      ; pull clock off',
  ]);
});

test('loops with a count, wait until without timeout, marks', (t) => {
  const lines = opLines(printProgram(lowerOk(t, script([repeat(3, [waitUntil(33, 1)]), log('go', 'mark')]), bcm2711)));
  t.deepEqual(lines.slice(0, 4).map(withoutLocation), [
    '0000  LOOP        3 times exit 0011',
    '0003  WAIT_LEVEL  GPLEV1 & 0x00000002 high                    ; wait until 33 high',
    '0009  NEXT        -> 0003',
    '0011  MARK        "go"',
  ]);
});

test('a malformed program still prints, with unknown opcodes as data and unknown registers by offset', (t) => {
  const p = lowerOk(t, script([instant(set(7))]), bcm2711);
  const broken: Program = { ...p, code: Float64Array.from([99, Op.WRITE, 0x3c, 1, Op.LOG, 7, Op.WAIT]), exitEntry: 50, opSpans: new Int32Array(7).fill(9) };
  t.deepEqual(printProgram(broken).split('\n').slice(2), [
    '0000  .data       99',
    '0001  WRITE       [0x03c] = 0x00000001',
    '0004  LOG         "<string 7?>"',
    '0006  WAIT        NaN',
    '',
  ]);
});
