/**
 * Loop kernels (runtime/executor/loopKernels.ts) against the interpreter: the same programs run
 * on a file: window with kernels on and off must leave the same window and count the
 * same instants; the conformance programs are among them. Stop and hot reload must
 * still land on an iteration boundary of a kernel loop.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { fileBackend } from '../../runtime/backends/mmap/file.js';
import { RealClock } from '../../runtime/clock/clock.js';
import { ControlBlock, discardRecords } from '../../runtime/run/control.js';
import { CHUNK_STORES, compileLoopKernels, MAX_KERNEL_STORES } from '../../runtime/executor/loopKernels.js';
import type { Program } from '../../runtime/program/program.js';
import { startRun } from '../../runtime/run/run.js';
import type { RunEvent } from '../../runtime/run/runResult.js';
import { runSession } from '../../runtime/run/runSession.js';
import { type Asm, assemble, clear, fselField, fselOffset, LAYOUT, mask, ms, out, set } from '../_helpers/assemble.js';
import { standardCases } from './_conformance.js';

const C: Asm = ['COMMIT'];
const GPSET0 = LAYOUT.set[0]!;
const GPCLR0 = LAYOUT.clear[0]!;
const GPFSEL0 = fselOffset(0);
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'pinseq-kernels-'));
let files = 0;
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `program` on a fresh file window holding `registers`; returns the window after the run and the outcome. */
function playOnFile(program: Program, loopKernels: boolean, registers: readonly (readonly [number, number])[] = []) {
  const path = join(dir, `regs-${++files}.bin`);
  const words = new Uint32Array(LAYOUT.windowBytes / 4);
  for (const [offset, value] of registers) words[offset >>> 2] = value;
  writeFileSync(path, words);
  const links = { control: new ControlBlock(), events: discardRecords, trace: null, levels: null, replacements: null };
  const { outcome } = runSession(program, () => fileBackend({ kind: 'file', path }), new RealClock(), links, { loopKernels });
  const bytes = readFileSync(path);
  return { outcome, window: Array.from(new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)) };
}

/** Programs whose loops are store-only, so kernels take them. */
const kernelPrograms: readonly { title: string; program: Program; registers?: readonly (readonly [number, number])[] }[] = [
  { title: 'an instant-per-write toggle', program: assemble([out(7), C, ['LOOP', 1001, [set(7), C, clear(7), C]]]) },
  {
    title: 'RMWs and several stores to one word, an odd count',
    program: assemble([['LOOP', 37, [out(7), ['RMW', GPFSEL0, fselField(2), 1 << 6], set(7), C, set(8), C, clear(7, 8), C]]], { pins: [2, 7, 8] }),
    registers: [[GPFSEL0, 0x1b6db6db]],
  },
  { title: 'a store-only loop nested in a loop with a wait', program: assemble([out(7), C, ['LOOP', 3, [['LOOP', 500, [set(7), C, clear(7), C]], ['WAIT', 1000]]]]) },
  { title: 'a store-only loop in the exit block', program: assemble([out(9), C, set(9), C], { exit: [['LOOP', 99, [clear(9), C, set(9), C]], clear(9), C] }) },
  { title: 'one iteration', program: assemble([out(7), C, ['LOOP', 1, [set(7), C]]]) },
];

for (const { title, program, registers } of kernelPrograms) {
  test(`kernel and interpreter agree: ${title}`, (t) => {
    t.true(compileLoopKernels(program.code).count > 0, 'the program has a kernel loop');
    const interpreted = playOnFile(program, false, registers);
    const kernel = playOnFile(program, true, registers);
    t.is(kernel.outcome.status, 'ended');
    t.is(kernel.outcome.instants, interpreted.outcome.instants);
    t.deepEqual(kernel.window, interpreted.window);
  });
}

test('kernel and interpreter agree on every conformance program that runs to its end', (t) => {
  let compared = 0;
  for (const c of standardCases({ exactTimes: false, levelsFollowOutputs: false })) {
    if (c.stopOn) continue;
    const program = c.program();
    const interpreted = playOnFile(program, false, c.setup?.registers);
    const kernel = playOnFile(program, true, c.setup?.registers);
    t.is(kernel.outcome.status, interpreted.outcome.status, c.title);
    t.is(kernel.outcome.instants, interpreted.outcome.instants, c.title);
    t.deepEqual(kernel.window, interpreted.window, c.title);
    compared++;
  }
  t.true(compared >= 10);
});

test('only store-only loops get a kernel', (t) => {
  const waits = assemble([['LOOP', 5, [set(7), C, ['WAIT', ms(1)], clear(7), C]]]);
  const marks = assemble([['LOOP', 5, [set(7), C, ['MARK', 'x']]]]);
  const nested = assemble([['LOOP', 5, [['LOOP', 2, [set(7), C]], clear(7), C]]]);
  const long = assemble([['LOOP', 5, Array.from({ length: MAX_KERNEL_STORES + 1 }, (_, i): Asm => (i % 2 ? set(7) : clear(7)))]]);
  t.is(compileLoopKernels(waits.code).count, 0);
  t.is(compileLoopKernels(marks.code).count, 0);
  // The inner loop is store-only; the outer one holds a loop.
  t.is(compileLoopKernels(nested.code).count, 1);
  t.is(compileLoopKernels(long.code).count, 0);
});

test('a kernel runs every iteration while the doorbell is quiet, and returns at a chunk boundary when it rang', (t) => {
  const program = assemble([['LOOP', 10, [set(7), C, clear(7), C]]]);
  const kernels = compileLoopKernels(program.code);
  const loopPc = program.code.indexOf(7);
  const kernel = kernels.at[loopPc]!;
  t.is(kernels.commits[loopPc], 2);
  const regs = new Uint32Array(LAYOUT.windowBytes / 4);
  const control = new ControlBlock();
  t.is(kernel(regs, 1_000_003, control.words, control.doorbell()), 1_000_003);
  t.is(regs[GPSET0 >>> 2], mask(7));
  t.is(regs[GPCLR0 >>> 2], mask(7));
  // A doorbell that already differs: one chunk (CHUNK_STORES / 2 stores per iteration), then back.
  t.is(kernel(regs, Infinity, control.words, control.doorbell() + 1), CHUNK_STORES / 2);
});

test('where code generation is disallowed, loops stay interpreted instead of failing', (t) => {
  const module = new URL('../../runtime/executor/loopKernels.js', import.meta.url).href;
  const program = assemble([['LOOP', 10, [set(7), C]]]);
  const script = `import { compileLoopKernels } from ${JSON.stringify(module)};
    process.stdout.write(String(compileLoopKernels(new Float64Array(${JSON.stringify(Array.from(program.code))})).count));`;
  const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
  t.is(child.stderr, '');
  t.is(child.stdout, '0');
});

/** A forever toggle on a file window, started on the worker. */
function foreverToggle(onEvent?: (e: RunEvent) => void) {
  const path = join(dir, `regs-${++files}.bin`);
  writeFileSync(path, new Uint8Array(LAYOUT.windowBytes));
  const program = assemble([out(7), C, ['MARK', 'looping'], ['LOOP', Infinity, [set(7), C, clear(7), C]]], { exit: [clear(7), C] });
  return startRun(program, { backend: { kind: 'file', path }, stopOnSignals: false, onEvent });
}

test('stop ends a forever kernel loop at an iteration boundary and runs on exit', async (t) => {
  const run = foreverToggle((e) => {
    if (e.type === 'mark') setTimeout(() => run.stop(), 20);
  });
  const result = await run.result;
  t.is(result.status, 'stopped');
  t.true(result.exitRan);
  // `out 7` and the exit block are one instant each; the loop adds two per whole iteration.
  t.true(result.instants > 2);
  t.is((result.instants - 2) % 2, 0);
});

test('a replacement takes over a forever kernel loop', async (t) => {
  const marks: string[] = [];
  const run = foreverToggle((e) => {
    if (e.type !== 'mark') return;
    marks.push(e.text);
    if (e.text === 'looping') run.replace(assemble([['MARK', 'v2'], ['LOOP', Infinity, [['WAIT', ms(1)]]]]));
    if (e.text === 'v2') run.stop();
  });
  const result = await run.result;
  t.is(result.status, 'stopped');
  t.deepEqual(marks, ['looping', 'v2']);
});
