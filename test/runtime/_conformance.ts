/**
 * One conformance suite for every backend: the same programs, run through `startRun` (the
 * worker, as in production), must produce the same edges, events, exit behaviour and
 * register contents on each. A backend's test file calls {@link testBackendConformance}
 * with a function that makes a spec for one test (its own file, its own simulator).
 *
 * Times: with `exactTimes` (virtual clock) every edge must be exactly on the schedule;
 * otherwise never earlier than scheduled (real clocks are late, never early), with
 * order, pins and levels exact.
 *
 * Cases are data ({@link ConformanceCase}) and build their program lazily, so a case can
 * also come from `.gpio` source through the compiler: pass `program: () => compile(...)`
 * in `options.cases`.
 */
import test, { type ExecutionContext } from 'ava';
import type { BackendSpec } from '../../runtime/backends/backend.js';
import type { Program } from '../../runtime/program/program.js';
import { startRun, type StartRunOptions } from '../../runtime/run/run.js';
import type { Edge, RunEvent, RunResult } from '../../runtime/run/runResult.js';
import { type Asm, assemble, clear, fselField, fselOffset, LAYOUT, mask, ms, out, set, toggle, waitLevel } from '../_helpers/assemble.js';

/** What a backend must have in place before a case runs. */
export interface ConformanceSetup {
  /** Words the register window holds before the run, as `[byte offset, value]` (function select, level). */
  readonly registers: readonly (readonly [number, number])[];
}

/** What a case can look at after its run. */
export interface ConformanceContext {
  readonly spec: BackendSpec;
  readonly exactTimes: boolean;
  /** The register window after the run, for backends that have one to read. */
  readonly window?: Uint32Array | undefined;
  readonly events: readonly RunEvent[];
  /** Wall-clock milliseconds from stop() to the result (cases with `stopOn`). */
  readonly stopLatencyMs?: number | undefined;
}

/** One conformance case. */
export interface ConformanceCase {
  readonly title: string;
  /** The program under test: hand-assembled, or compiled from source by the caller. */
  readonly program: () => Program;
  readonly setup?: ConformanceSetup | undefined;
  readonly run?: Partial<Omit<StartRunOptions, 'backend' | 'onEvent'>> | undefined;
  /** Stop the run when this mark is seen. */
  readonly stopOn?: string | undefined;
  /** Only for backends whose window can be read after the run. */
  readonly needsWindow?: boolean | undefined;
  /** Expected edges on the schedule, as `[atNs, pin, level]`. */
  readonly edges?: readonly (readonly [number, number, 0 | 1])[] | undefined;
  readonly check?: ((t: ExecutionContext, result: RunResult, context: ConformanceContext) => void) | undefined;
}

/** How a backend takes part. */
export interface ConformanceOptions {
  /** Virtual clock: times must equal the schedule exactly. */
  readonly exactTimes: boolean;
  /** Reads the backend's register window after a run (file: reads the file). */
  readonly readWindow?: ((spec: BackendSpec) => Uint32Array) | undefined;
  /** Whether the level register follows the outputs (a simulator or real pins do; a plain file does not). */
  readonly levelsFollowOutputs: boolean;
  /** More cases, e.g. compiled from .gpio source. */
  readonly cases?: readonly ConformanceCase[] | undefined;
}

const C: Asm = ['COMMIT'];
const wait = (ns: number): Asm => ['WAIT', ns];
/** An arbitrary function-select pattern (field values 0b011 and 0b110 alternating) to prove RMWs touch only their field. */
const FSEL_PATTERN = 0x1b6db6db;
const GPFSEL0 = fselOffset(0);
const GPLEV0 = LAYOUT.level[0]!;

/** The cases every backend must pass. */
export function standardCases(options: ConformanceOptions): ConformanceCase[] {
  return [
    {
      title: 'pins are set and cleared on the schedule',
      program: () => assemble([out(7), C, ['LOOP', 2, [set(7), C, wait(ms(2)), clear(7), C, wait(ms(1))]]]),
      edges: [[0, 7, 1], [ms(2), 7, 0], [ms(3), 7, 1], [ms(5), 7, 0]],
    },
    {
      title: 'nested loops repeat their bodies',
      program: () => assemble([out(7), C, ['LOOP', 2, [['LOOP', 2, [set(7), C, wait(ms(1)), clear(7), C, wait(ms(1))]]]]]),
      edges: [[0, 7, 1], [ms(1), 7, 0], [ms(2), 7, 1], [ms(3), 7, 0], [ms(4), 7, 1], [ms(5), 7, 0], [ms(6), 7, 1], [ms(7), 7, 0]],
    },
    options.levelsFollowOutputs
      ? {
          title: 'a runtime toggle inverts the level it reads',
          program: () => assemble([out(7), out(8), C, set(8), C, ['LOOP', 3, [toggle(7, 8), C, wait(ms(1))]]]),
          run: { keep: true },
          edges: [[0, 8, 1], [0, 7, 1], [0, 8, 0], [ms(1), 7, 0], [ms(1), 8, 1], [ms(2), 7, 1], [ms(2), 8, 0]],
        }
      : {
          title: 'a runtime toggle inverts the level register as the window holds it',
          // GPLEV0 says 7 high, 8 low and never changes: every toggle clears 7 and sets 8.
          setup: { registers: [[GPLEV0, mask(7)]] },
          program: () => assemble([out(7), out(8), C, ['LOOP', 3, [toggle(7, 8), C, wait(ms(1))]]]),
          run: { keep: true },
          needsWindow: true,
          edges: [[0, 7, 0], [0, 8, 1]],
          check: (t, _r, c) => {
            t.is(c.window![LAYOUT.set[0]! >>> 2], mask(8));
            t.is(c.window![LAYOUT.clear[0]! >>> 2], mask(7));
          },
        },
    {
      title: 'a bus write sets and clears pins in one instant',
      program: () => assemble([out(4), out(5), out(6), C,
        ['WRITE', LAYOUT.set[0]!, mask(4, 6)], ['WRITE', LAYOUT.clear[0]!, mask(5)], C, wait(ms(1)),
        ['WRITE', LAYOUT.set[0]!, mask(5)], ['WRITE', LAYOUT.clear[0]!, mask(4, 6)], C, wait(ms(1))]),
      run: { keep: true },
      edges: [[0, 4, 1], [0, 6, 1], [ms(1), 4, 0], [ms(1), 5, 1], [ms(1), 6, 0]],
    },
    {
      title: 'levels are written before modes, so a pin comes up high with no glitch',
      program: () => assemble([set(7), out(7), C, wait(ms(1))]),
      run: { keep: true },
      edges: [[0, 7, 1]],
    },
    {
      title: 'modes change by exact 3-bit read-modify-write',
      setup: { registers: [[GPFSEL0, FSEL_PATTERN]] },
      program: () => assemble([out(7), C, out(2), C]),
      run: { keep: true },
      needsWindow: true,
      check: (t, r, c) => {
        t.is(r.status, 'ended');
        const expected = ((FSEL_PATTERN & ~fselField(7) & ~fselField(2)) | (1 << 21) | (1 << 6)) >>> 0;
        t.is(c.window![GPFSEL0 >>> 2], expected);
      },
    },
    {
      title: 'function select is put back exactly after the run',
      setup: { registers: [[GPFSEL0, FSEL_PATTERN]] },
      program: () => assemble([out(7), out(2), C, set(7), C, wait(ms(1))]),
      needsWindow: true,
      check: (t, _r, c) => t.is(c.window![GPFSEL0 >>> 2], FSEL_PATTERN),
    },
    {
      title: 'a restored output goes back to input at the end',
      program: () => assemble([out(7), C, set(7), C, wait(ms(1))]),
      edges: [[0, 7, 1], [ms(1), 7, 0]],
    },
    {
      title: 'keep leaves function select as the program left it',
      program: () => assemble([out(7), C, set(7), C, wait(ms(1))]),
      run: { keep: true },
      edges: [[0, 7, 1]],
    },
    {
      title: 'every reports each overrun and keeps to its grid',
      program: () => assemble([['EVERY', ms(2), 3, [['MARK', 'tick'], wait(ms(3))]]]),
      check: (t, r, c) => {
        t.is(r.status, 'ended');
        t.is(r.overruns, 3);
        const overruns = c.events.filter((e) => e.type === 'overrun');
        t.deepEqual(overruns.map((e) => (e.type === 'overrun' ? [e.iteration, e.lateNs] : [])), [[0, ms(1)], [1, ms(2)], [2, ms(3)]]);
        checkTimes(t, r.marks.map((m) => m.atNs), [0, ms(3), ms(6)], c.exactTimes);
        checkTimes(t, [r.elapsedNs], [ms(9)], c.exactTimes);
      },
    },
    {
      title: 'on exit runs when the program ends',
      program: () => assemble([out(7), C, set(7), C, wait(ms(1))], { exit: [clear(7), C, ['MARK', 'exit']] }),
      run: { keep: true },
      edges: [[0, 7, 1], [ms(1), 7, 0]],
      check: (t, r) => {
        t.true(r.exitRan);
        t.deepEqual(r.marks.map((m) => m.text), ['exit']);
      },
    },
    {
      title: 'on exit runs when the run fails, and the error names the op',
      program: () => assemble([out(7), C, set(7), C, waitLevel(9, 1, ms(1))], { exit: [clear(7), C] }),
      run: { keep: true },
      edges: [[0, 7, 1], [ms(1), 7, 0]],
      check: (t, r) => {
        t.is(r.status, 'failed');
        t.is(r.error?.code, 'E_WAIT_TIMEOUT');
        // RMW 0–3, COMMIT 4, WRITE 5–7, COMMIT 8: the WAIT_LEVEL is at 9.
        t.is(r.error?.pc, 9);
        t.true(r.exitRan);
      },
    },
    {
      title: 'stop interrupts a 10 s wait promptly and on exit runs',
      program: () => assemble([out(7), C, set(7), C, ['MARK', 'waiting'], ['LOOP', Infinity, [wait(10e9)]]], { exit: [clear(7), C] }),
      stopOn: 'waiting',
      check: (t, r, c) => {
        t.is(r.status, 'stopped');
        t.true(r.exitRan);
        t.true(c.stopLatencyMs! < 1000, `stop took ${c.stopLatencyMs} ms`);
        t.deepEqual(r.edges!.map((e) => [e.pin, e.level]), [[7, 1], [7, 0]]);
      },
    },
    {
      title: 'a program the validator refuses never touches the window',
      setup: { registers: [[GPFSEL0, FSEL_PATTERN]] },
      // GPEDS0 (0x40) is event detect, and 4096 is past the window: both refused.
      program: () => assemble([out(7), C, ['WRITE', 0x40, 1], ['RAW', 1, 4096, 1], C]),
      check: (t, r, c) => {
        t.is(r.status, 'failed');
        t.is(r.error?.code, 'E_PROGRAM_INVALID');
        t.false(r.exitRan);
        t.is(r.instants, 0);
        if (c.window) t.is(c.window[GPFSEL0 >>> 2], FSEL_PATTERN);
      },
    },
    {
      title: 'lateness statistics cover every deadline',
      program: () => assemble([['LOOP', 5, [wait(ms(1))]]]),
      run: { latenessThresholdNs: 123_456 },
      check: (t, r, c) => {
        t.is(r.lateness.samples, 5);
        t.is(r.lateness.thresholdNs, 123_456);
        t.true(r.lateness.p99Ns <= r.lateness.maxNs);
        if (c.exactTimes) t.is(r.lateness.maxNs, 0);
      },
    },
  ];
}

/** Registers one ava test per case for the backend `name`. */
export function testBackendConformance(name: string, makeSpec: (setup: ConformanceSetup) => BackendSpec, options: ConformanceOptions): void {
  for (const c of [...standardCases(options), ...(options.cases ?? [])]) {
    if (c.needsWindow && !options.readWindow) continue;
    test(`${name} › ${c.title}`, async (t) => {
      const spec = makeSpec(c.setup ?? { registers: [] });
      const events: RunEvent[] = [];
      let stoppedAt = 0;
      const run = startRun(c.program(), {
        backend: spec,
        trace: true,
        ...c.run,
        onEvent: (e) => {
          events.push(e);
          if (c.stopOn && e.type === 'mark' && e.text === c.stopOn) {
            stoppedAt = Date.now();
            run.stop();
          }
        },
      });
      const result = await run.result;
      const context: ConformanceContext = {
        spec,
        exactTimes: options.exactTimes,
        window: options.readWindow?.(spec),
        events,
        stopLatencyMs: stoppedAt ? Date.now() - stoppedAt : undefined,
      };
      if (c.edges) checkEdges(t, result.edges, c.edges, options.exactTimes);
      c.check?.(t, result, context);
      if (!c.edges && !c.check) t.fail('a case must check something');
    });
  }
  test(`${name} › the caller's event loop keeps running during a run`, async (t) => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const run = startRun(assemble([['LOOP', Infinity, [wait(ms(1))]]]), { backend: makeSpec({ registers: [] }) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    run.stop();
    const r = await run.result;
    clearInterval(timer);
    t.is(r.status, 'stopped');
    t.true(ticks >= 10, `${ticks} ticks in 200 ms`);
  });
}

/** Edges equal `expected` in order, pins and levels; times exact or never early. */
function checkEdges(t: ExecutionContext, actual: readonly Edge[] | undefined, expected: readonly (readonly [number, number, 0 | 1])[], exact: boolean): void {
  if (!actual) return void t.fail('the run recorded no edges');
  t.deepEqual(actual.map((e) => [e.pin, e.level]), expected.map(([, pin, level]) => [pin, level]));
  checkTimes(t, actual.map((e) => e.atNs), expected.map(([atNs]) => atNs), exact);
}

function checkTimes(t: ExecutionContext, actual: readonly number[], expected: readonly number[], exact: boolean): void {
  if (exact) return void t.deepEqual(actual, expected);
  t.is(actual.length, expected.length);
  actual.forEach((atNs, i) => t.true(atNs >= expected[i]!, `time ${atNs} is before its schedule ${expected[i]}`));
}
