/**
 * Write throughput: the executor playing an instant-per-write toggle program
 * (`repeat N < set 7; wait 0; clear 7; wait 0 >`) into a `file:` register window on
 * /dev/shm, side by side with what users would pick instead, all in one run:
 *
 * - C: a loop making the same volatile 32-bit stores into the same file's mapping;
 * - one FFI call per write (koffi → C `store32`), as rpio-style native addons work;
 * - one `write()` syscall per edge on a file, as onoff drives sysfs `value` files;
 * - one ioctl-sized koffi call per instant (ENOTTY on /dev/null), the floor under a
 *   chardev `GPIO_V2_LINE_SET_VALUES` ioctl.
 *
 * A "write" is one register store the program makes; each instant of this program is one
 * store (plus its COMMIT bookkeeping). Every path's final register value is checked.
 *
 * Reproduce: `npm run bench -- writes`. Prints a table and writes bench/results/writes.json.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Koffi from 'koffi';
import { compileSource } from '../src/compile/compileScript.js';
import { loadLibc, MAP_SHARED, O_RDWR, PROT_READ, PROT_WRITE } from '../runtime/ffi/libc.js';
import { loadIoctl } from '../runtime/ffi/ioctl.js';
import type { Program } from '../runtime/program/program.js';
import { startRun } from '../runtime/run/run.js';
import type { BenchRow } from './benchTable.js';
import { buildC, type CBuild } from './cToolchain.js';
import { bestOf } from './stats.js';
import { benchDirectory } from './scratch.js';

/** BCM2711 GPSET0 / GPCLR0 byte offsets (BCM2711 ARM Peripherals §5.2), the words the toggle program stores to. */
const GPSET0 = 0x1c;
const GPCLR0 = 0x28;
const PIN7 = 1 << 7;
const WINDOW_BYTES = 4096;
/** GPIO_V2_LINE_SET_VALUES_IOCTL (linux/gpio.h): _IOWR(0xB4, 0x0F, struct gpio_v2_line_values). */
const SET_VALUES_IOCTL = 0xc010b40f;
const ENOTTY = 25;

/** Runs the write-throughput bench and returns its rows. */
export async function benchWrites(): Promise<BenchRow[]> {
  const scratch = benchDirectory('writes');
  const window = join(scratch.path, 'regs.bin');
  const c = buildC();
  try {
    const executor = await measureExecutor(window);
    const native = measureC(c, window);
    const ffi = measureFfiPerWrite(c, window);
    const syscall = measureWritePerEdge(join(scratch.path, 'value'));
    const ioctl = measureIoctlPerInstant();
    const cRate = native.writesPerSecond;
    const vsC = (rate: number): string => (cRate ? `, ${(rate / cRate).toPrecision(2)}× C` : '');
    const rows: BenchRow[] = [
      { name: 'executor, file: window on /dev/shm', value: executor.writesPerSecond / 1e6, unit: 'M writes/s', note: `${(executor.instantsPerSecond / 1e6).toFixed(0)} M instants/s, ${executor.writes.toExponential(2)} writes, best of 3, register check ${executor.check}` },
      pathRow('C volatile stores, same mapping', native, 'cc -O2, best of 3'),
      pathRow('one FFI call per write (koffi store32)', ffi, `rpio-style${vsC(ffi.writesPerSecond)}`),
      pathRow('write() per edge (sysfs-style)', syscall, `onoff-style writeSync of "1"/"0" at 0 on a /dev/shm file${vsC(syscall.writesPerSecond)}`),
      pathRow('ioctl-sized koffi call per instant', ioctl, `ioctl(/dev/null, SET_VALUES, 16 B) → ENOTTY: floor of a chardev instant${vsC(ioctl.writesPerSecond)}`),
      ratioRow('executor / C', executor, native, 0.5),
      ratioRow('executor / FFI call per write', executor, ffi, 10),
      ratioRow('executor / write() per edge', executor, syscall, 100),
      ratioRow('executor / ioctl per instant', executor, ioctl),
    ];
    return rows;
  } finally {
    c.dispose();
    scratch.dispose();
  }
}

interface Throughput {
  /** 0 when the path could not be measured (see `problem`). */
  readonly writesPerSecond: number;
  /** `ok` when the final register or file value is what the last write stored. */
  readonly check: 'ok' | 'FAILED';
  readonly problem?: string | undefined;
}

function pathRow(name: string, t: Throughput, note: string): BenchRow {
  if (!t.writesPerSecond) return { name, value: NaN, unit: '', note: `not measured: ${t.problem ?? 'unknown'}` };
  return { name, value: t.writesPerSecond / 1e6, unit: 'M writes/s', note: `${note}, check ${t.check}` };
}

/** The executor's rate over another path's; a target is met only when both paths' register checks passed. */
function ratioRow(name: string, executor: Throughput, other: Throughput, atLeast?: number): BenchRow {
  if (!other.writesPerSecond) return { name, value: NaN, unit: '', note: 'not measured', target: atLeast ? `>= ${atLeast}×` : undefined, ok: atLeast ? false : undefined };
  const ratio = executor.writesPerSecond / other.writesPerSecond;
  const checked = executor.check === 'ok' && other.check === 'ok';
  return { name, value: ratio, unit: '×', target: atLeast ? `>= ${atLeast}×` : undefined, ok: atLeast ? checked && ratio >= atLeast : undefined, note: checked ? undefined : 'a register check FAILED' };
}

interface ExecutorThroughput extends Throughput {
  readonly instantsPerSecond: number;
  readonly writes: number;
}

function toggleProgram(iterations: number): Program {
  const result = compileSource(`out 7\nrepeat ${iterations} < set 7; wait 0; clear 7; wait 0 >\n`, { file: 'writes.gpio' });
  if (!result.program) throw new Error(`toggle program did not compile: ${result.diagnostics[0]?.message}`);
  return result.program;
}

async function runToggle(window: string, iterations: number): Promise<ExecutorThroughput> {
  writeFileSync(window, new Uint8Array(WINDOW_BYTES));
  const result = await startRun(toggleProgram(iterations), { backend: { kind: 'file', path: window }, stopOnSignals: false }).result;
  if (result.status !== 'ended') throw new Error(`toggle run ${result.status}: ${result.error?.message}`);
  const words = readWords(window);
  // The last stores were GPSET0 then GPCLR0 = pin 7; `out 7` was restored to input (0).
  const ok = words[GPSET0 >>> 2] === PIN7 && words[GPCLR0 >>> 2] === PIN7 && words[0] === 0 && result.instants === 2 * iterations + 1;
  const seconds = result.elapsedNs / 1e9;
  const writes = 2 * iterations;
  return { writesPerSecond: writes / seconds, instantsPerSecond: result.instants / seconds, writes, check: ok ? 'ok' : 'FAILED' };
}

async function measureExecutor(window: string): Promise<ExecutorThroughput> {
  // Calibrate N so one run takes about a second, whatever the executor's speed; the
  // first (cold) probe underestimates, so each run re-aims from the best rate so far.
  let best = await runToggle(window, 20_000_000);
  for (let i = 0; i < 3; i++) {
    const iterations = Math.max(1_000_000, Math.min(5e9, Math.round(best.writesPerSecond / 2)));
    const run = await runToggle(window, iterations);
    if (run.check !== 'ok') return run;
    if (run.writesPerSecond > best.writesPerSecond || i === 0) best = run;
  }
  return best;
}

function measureC(c: CBuild, window: string): Throughput {
  if (!c.stores) return { writesPerSecond: 0, check: 'FAILED', problem: c.problem };
  let best = 0;
  for (let i = 0; i < 3; i++) {
    writeFileSync(window, new Uint8Array(WINDOW_BYTES));
    const run = spawnSync(c.stores, [window, '1000000000'], { encoding: 'utf8' });
    const [stores, ns] = run.stdout.trim().split(' ').map(Number);
    if (run.status !== 0 || !stores || !ns) return { writesPerSecond: 0, check: 'FAILED', problem: `stores exited ${run.status}: ${run.stderr.trim()}` };
    best = Math.max(best, stores / (ns / 1e9));
  }
  const words = readWords(window);
  return { writesPerSecond: best, check: words[GPSET0 >>> 2] === PIN7 && words[GPCLR0 >>> 2] === PIN7 ? 'ok' : 'FAILED' };
}

function measureFfiPerWrite(c: CBuild, window: string): Throughput {
  if (!c.store32Library) return { writesPerSecond: 0, check: 'FAILED', problem: c.problem };
  const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  const lib = koffi.load(c.store32Library);
  const store32 = lib.func('void store32(void *base, uint32_t offset, uint32_t value)') as (base: bigint, offset: number, value: number) => void;
  const libc = loadLibc();
  writeFileSync(window, new Uint8Array(WINDOW_BYTES));
  const fd = libc.open(window, O_RDWR, 0);
  const base = libc.mmap(null, WINDOW_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  try {
    const calls = 2_000_000;
    const best = bestOf(3, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i += 2) {
        store32(base, GPSET0, PIN7);
        store32(base, GPCLR0, PIN7);
      }
      return calls / (Number(process.hrtime.bigint() - start) / 1e9);
    });
    const words = readWords(window);
    return { writesPerSecond: best, check: words[GPSET0 >>> 2] === PIN7 && words[GPCLR0 >>> 2] === PIN7 ? 'ok' : 'FAILED' };
  } finally {
    libc.munmap(base, WINDOW_BYTES);
    libc.close(fd);
    lib.unload();
  }
}

function measureWritePerEdge(path: string): Throughput {
  writeFileSync(path, '0');
  const fd = openSync(path, 'r+');
  const one = Buffer.from('1');
  const zero = Buffer.from('0');
  try {
    const edges = 300_000;
    const best = bestOf(3, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < edges; i += 2) {
        writeSync(fd, one, 0, 1, 0);
        writeSync(fd, zero, 0, 1, 0);
      }
      return edges / (Number(process.hrtime.bigint() - start) / 1e9);
    });
    return { writesPerSecond: best, check: readFileSync(path, 'utf8') === '0' ? 'ok' : 'FAILED' };
  } finally {
    closeSync(fd);
  }
}

function measureIoctlPerInstant(): Throughput {
  const ioctl = loadIoctl();
  const fd = openSync('/dev/null', 'r');
  // struct gpio_v2_line_values { u64 bits; u64 mask; }: 16 bytes, as the chardev backend passes.
  const values = Buffer.alloc(16);
  let result = 0;
  try {
    const calls = 300_000;
    const best = bestOf(3, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) result = ioctl.call(fd, SET_VALUES_IOCTL, values);
      return calls / (Number(process.hrtime.bigint() - start) / 1e9);
    });
    return { writesPerSecond: best, check: result === -1 && ioctl.errno() === ENOTTY ? 'ok' : 'FAILED' };
  } finally {
    closeSync(fd);
  }
}

function readWords(path: string): Uint32Array {
  const bytes = readFileSync(path);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}
