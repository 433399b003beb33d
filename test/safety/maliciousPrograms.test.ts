/**
 * Hand-made programs that bypass the compiler (issue 6): each tries to write outside the
 * window, to an event-detect register, or to a pin it did not declare. validateProgram
 * refuses every one, and runInline and startRun fail with E_PROGRAM_INVALID without
 * touching the window: a file window's bytes are unchanged afterwards.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Op, type Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import { runInline } from '../../runtime/run/runInline.js';
import { validateProgram } from '../../runtime/program/validateProgram.js';
import { compileSource } from '../../src/compile/compileScript.js';

/** A real program for GPIO 7 on the BCM2711: out 7, set 7, wait, clear 7. */
function honest(): Program {
  const program = compileSource('allow 7\nout 7\nset 7\nwait 1ms\nclear 7\n', { chip: 'bcm2711' }).program;
  if (!program) throw new Error('the honest program did not compile');
  return program;
}

/** The honest program with its first WRITE replaced by `WRITE offset value`. */
function writing(offset: number, value: number): Program {
  const p = honest();
  const code = Float64Array.from(p.code);
  const pc = code.indexOf(Op.WRITE);
  code[pc + 1] = offset;
  code[pc + 2] = value;
  return { ...p, code };
}

// BCM2711 ARM Peripherals §5.2 (the same offsets as BCM2835 §6.1): the event-detect registers.
const EVENT_DETECT = { GPEDS0: 0x40, GPEDS1: 0x44, GPREN0: 0x4c, GPFEN0: 0x58, GPHEN0: 0x64, GPLEN0: 0x70, GPAREN0: 0x7c, GPAFEN1: 0x8c };

const MALICIOUS: Readonly<Record<string, () => Program>> = {
  ...Object.fromEntries(Object.entries(EVENT_DETECT).map(([name, offset]) => [`a WRITE to ${name}`, () => writing(offset, 1 << 7)])),
  'a WRITE past the window': () => writing(4096, 1 << 7),
  'a WRITE far past the window': () => writing(2 ** 31, 1 << 7),
  'a WRITE at a negative offset': () => writing(-4, 1 << 7),
  'an unaligned WRITE': () => writing(0x1d, 1),
  'a SET of a pin the program does not declare': () => writing(0x1c, 1 << 8),
  'a read-modify-write of another pin\'s function select': () => {
    const p = honest();
    const code = Float64Array.from(p.code);
    const pc = code.indexOf(Op.RMW);
    code[pc + 2] = 0b111 << 24; // GPIO 8's field
    code[pc + 3] = 0b001 << 24;
    return { ...p, code };
  },
  'a layout that relabels GPEDS0 as the SET register': () => {
    const p = writing(0x40, 1 << 7);
    return { ...p, layout: { ...p.layout, set: [0x40, p.layout.set[1]!], forbidden: [] } };
  },
  'a layout that moves function select onto event detect': () => {
    const p = honest();
    return { ...p, layout: { ...p.layout, functionSelect: { ...p.layout.functionSelect, base: 0x40 }, forbidden: [] }, restore: [{ offset: 0x40, mask: 0b111 << 21 }] };
  },
  'a jump out of the code': () => {
    const p = honest();
    const code = Float64Array.from([...p.code.subarray(0, p.exitEntry - 1), Op.JUMP, 1e6, ...p.code.subarray(p.exitEntry - 1)]);
    return { ...p, code, exitEntry: p.exitEntry + 2, opSpans: new Int32Array(code.length).fill(-1) };
  },
};

test('the honest program is valid (so each refusal below is for its one change)', (t) => {
  t.true(validateProgram(honest()).ok);
});

for (const [name, make] of Object.entries(MALICIOUS)) {
  test(`validateProgram refuses ${name}`, (t) => {
    const result = validateProgram(make());
    t.false(result.ok);
  });
}

/** A 4 KiB window file of a recognisable pattern, and a check that it is unchanged. */
function windowFile(t: { teardown(fn: () => void): void }): { path: string; unchanged: () => boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-safety-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'window.bin');
  const bytes = Buffer.alloc(4096, 0xa5);
  writeFileSync(path, bytes);
  return { path, unchanged: () => readFileSync(path).equals(bytes) };
}

for (const [name, make] of Object.entries(MALICIOUS)) {
  test(`runInline fails ${name} with E_PROGRAM_INVALID and leaves the window untouched`, (t) => {
    const window = windowFile(t);
    const result = runInline(make(), { backend: { kind: 'file', path: window.path } });
    t.is(result.status, 'failed');
    t.is(result.error?.code, 'E_PROGRAM_INVALID');
    t.is(result.instants, 0);
    t.true(window.unchanged());
  });
}

test('startRun fails a WRITE to GPEDS0 with E_PROGRAM_INVALID and leaves the window untouched', async (t) => {
  const window = windowFile(t);
  const result = await startRun(writing(EVENT_DETECT.GPEDS0, 1 << 7), { backend: { kind: 'file', path: window.path }, stopOnSignals: false }).result;
  t.is(result.status, 'failed');
  t.is(result.error?.code, 'E_PROGRAM_INVALID');
  t.true(window.unchanged());
});

test('the honest program does write the window file (so "unchanged" above means something)', (t) => {
  const window = windowFile(t);
  const result = runInline(honest(), { backend: { kind: 'file', path: window.path } });
  t.is(result.status, 'ended');
  t.false(window.unchanged());
});
