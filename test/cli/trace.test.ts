/**
 * `pinseq trace` against the schedule: for five examples the expected edges and their
 * times (ns) are worked out here from the script text alone, and the VCD the CLI writes
 * must hold exactly those. Every example's VCD must also parse and agree with the JSON
 * trace of the same run.
 */
import { readFileSync } from 'node:fs';
import test from 'ava';
import { join } from 'node:path';
import { drawWave } from '../../runtime/trace/svgWave.js';
import { runCli } from '../../src/cli/runCli.js';
import { ROOT } from '../_helpers/cli.js';
import { ScratchDir } from '../faults/_pinseqChild.js';

const dir = new ScratchDir();
test.after.always(() => dir.remove());

/** One level change: `name` is the wire's name in the VCD (the script's pin name, `bar[0]` written `bar_0_`). */
interface NamedEdge {
  readonly atNs: number;
  readonly name: string;
  readonly level: 0 | 1;
}

const MS = 1_000_000;
const US = 1_000;

const traces = new Map<string, Promise<string>>();

/**
 * `pinseq trace scripts/SCRIPT.gpio -o OUT` through the CLI's own entry point, in this
 * process (the same code as the executable, without a node start-up per trace); each
 * example and format is traced once and shared by the tests that read it.
 */
function traceOf(script: string, ext: '.vcd' | '.json'): Promise<string> {
  const key = `${script}${ext}`;
  let text = traces.get(key);
  if (!text) {
    const out = dir.fresh(key);
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {} };
    text = runCli(['trace', join(ROOT, 'scripts', `${script}.gpio`), '-o', out], io).then((code) => {
      if (code !== 0) throw new Error(`pinseq trace ${script} exited ${code}: ${stderr}`);
      return readFileSync(out, 'utf8');
    });
    traces.set(key, text);
  }
  return text;
}

/**
 * Parses a VCD (IEEE 1364 §18) into its level changes: the wires declared with `$var`,
 * then `#time` stamps and `0id`/`1id` values. `$dumpvars` holds the levels at time 0;
 * only values that change a wire's level (every wire starts low) are changes.
 */
function parseVcd(text: string): { timescale: string; names: string[]; edges: NamedEdge[] } {
  const names = new Map<string, string>();
  const level = new Map<string, number>();
  const edges: NamedEdge[] = [];
  const timescale = /\$timescale\s+(.+?)\s+\$end/.exec(text)?.[1] ?? '';
  const body = text.indexOf('$enddefinitions');
  if (body < 0) throw new Error('no $enddefinitions');
  for (const m of text.slice(0, body).matchAll(/\$var\s+wire\s+1\s+(\S+)\s+(\S+)\s+\$end/g)) names.set(m[1]!, m[2]!);
  let time = -1;
  for (const raw of text.slice(body).split('\n').slice(1)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('$')) continue;
    if (line.startsWith('#')) {
      const next = Number(line.slice(1));
      if (!Number.isSafeInteger(next) || next < time) throw new Error(`bad time stamp ${line}`);
      time = next;
      continue;
    }
    const value = line[0];
    const name = names.get(line.slice(1));
    if ((value !== '0' && value !== '1') || name === undefined || time < 0) throw new Error(`bad value change "${line}"`);
    const v = value === '1' ? 1 : 0;
    if ((level.get(name) ?? 0) !== v) edges.push({ atNs: time, name, level: v });
    level.set(name, v);
  }
  return { timescale, names: [...names.values()], edges };
}

/** A pin name as a VCD wire: anything but letters, digits and `_` becomes `_` (`bar[0]` → `bar_0_`). */
function wire(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The JSON trace's edges, named like the VCD's wires. */
function jsonEdges(text: string): NamedEdge[] {
  const trace = JSON.parse(text) as { pins: { pin: number; name: string }[]; edges: { atNs: number; pin: number; level: 0 | 1 }[] };
  const names = new Map(trace.pins.map((p) => [p.pin, wire(p.name)]));
  return trace.edges.map((e) => ({ atNs: e.atNs, name: names.get(e.pin)!, level: e.level }));
}

/**
 * Orders edges by time, then wire; a stable sort, so a wire's two edges at one time (a
 * zero-width pulse) keep their order. Edges of different wires in one instant have no
 * order of their own.
 */
function canonical(edges: readonly NamedEdge[]): NamedEdge[] {
  return [...edges].sort((a, b) => a.atNs - b.atNs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const edge = (atNs: number, name: string, level: 0 | 1): NamedEdge => ({ atNs, name, level });

// The schedules below follow the scripts in scripts/ line by line; `pinseq trace` stops a
// script that does not end at 10 s of schedule (--for default), then runs its exit block.

/** blink.gpio: led high for period/2 = 500 ms, low for 500 ms, forever; at 10 s the exit block clears it. */
function blinkSchedule(): NamedEdge[] {
  const edges: NamedEdge[] = [];
  for (let k = 0; k < 10; k++) edges.push(edge(k * 1000 * MS, 'led', 1), edge((k * 1000 + 500) * MS, 'led', 0));
  // The wait ending at exactly 10 s is reached, so iteration 11 sets the LED; its next wait passes the limit.
  edges.push(edge(10_000 * MS, 'led', 1), edge(10_000 * MS, 'led', 0));
  return edges;
}

/** oneliner.gpio: 7..11 high for 250 ms in each of 5 iterations; each clear meets the next set (a zero-width low). */
function onelinerSchedule(): NamedEdge[] {
  const pins = ['GPIO7', 'GPIO8', 'GPIO9', 'GPIO10', 'GPIO11'];
  const edges: NamedEdge[] = [];
  for (let k = 0; k < 5; k++) {
    for (const p of pins) edges.push(edge(k * 250 * MS, p, 1));
    for (const p of pins) edges.push(edge((k + 1) * 250 * MS, p, 0));
  }
  return edges;
}

/** knight-rider.gpio: blips of 60 ms on 7, 8, 9, 10, 11, 10, 9, 8 (480 ms a sweep), forever; at 10 s the exit block clears the bar. */
function knightRiderSchedule(): NamedEdge[] {
  const order = [0, 1, 2, 3, 4, 3, 2, 1];
  const limit = 10_000 * MS;
  const edges: NamedEdge[] = [];
  for (let sweep = 0; ; sweep++) {
    for (let j = 0; j < order.length; j++) {
      const on = (sweep * 480 + j * 60) * MS;
      if (on > limit) return edges;
      const name = `bar_${order[j]}_`;
      edges.push(edge(on, name, 1));
      // The blip's wait would end past the limit: the run stops there and on exit clears the LED.
      const off = on + 60 * MS;
      edges.push(edge(Math.min(off, limit), name, 0));
      if (off > limit) return edges;
    }
  }
}

/** servo.gpio: 3 × (50 frames of 20 ms with a 1 ms pulse, then 50 with a 2 ms pulse); frames on a fixed grid. */
function servoSchedule(): NamedEdge[] {
  const edges: NamedEdge[] = [];
  for (let block = 0; block < 6; block++) {
    const width = block % 2 === 0 ? 1 : 2;
    for (let frame = 0; frame < 50; frame++) {
      const start = (block * 1000 + frame * 20) * MS;
      edges.push(edge(start, 'servo', 1), edge(start + width * MS, 'servo', 0));
    }
  }
  return edges;
}

/** bus8.gpio: every v in 0..255 on bus[0..7] every 12 µs, strobe high from 2 µs to 7 µs; on exit clears all. */
function bus8Schedule(): NamedEdge[] {
  const edges: NamedEdge[] = [];
  let previous = 0;
  for (let v = 0; v < 256; v++) {
    const t = v * 12 * US;
    for (let bit = 0; bit < 8; bit++) {
      const now = (v >> bit) & 1;
      if (now !== ((previous >> bit) & 1)) edges.push(edge(t, `bus_${bit}_`, now as 0 | 1));
    }
    previous = v;
    edges.push(edge(t + 2 * US, 'strobe', 1), edge(t + 7 * US, 'strobe', 0));
  }
  for (let bit = 0; bit < 8; bit++) edges.push(edge(256 * 12 * US, `bus_${bit}_`, 0));
  return edges;
}

const SCHEDULES: Readonly<Record<string, () => NamedEdge[]>> = {
  blink: blinkSchedule,
  oneliner: onelinerSchedule,
  'knight-rider': knightRiderSchedule,
  servo: servoSchedule,
  bus8: bus8Schedule,
};

for (const [script, schedule] of Object.entries(SCHEDULES)) {
  test(`trace ${script}: the VCD's edges and times are the script's schedule exactly`, async (t) => {
    const vcd = parseVcd(await traceOf(script, '.vcd'));
    t.is(vcd.timescale, '1 ns');
    const expected = canonical(schedule());
    const got = canonical(vcd.edges);
    t.is(got.length, expected.length, 'edge count');
    t.deepEqual(got, expected);
  });
}

for (const script of ['blink', 'oneliner', 'bar', 'knight-rider', 'servo', 'bus8', 'serial', 'flash-import', 'button']) {
  test(`trace ${script}: the VCD parses and equals the JSON trace of the same run`, async (t) => {
    const [vcdText, jsonText] = await Promise.all([traceOf(script, '.vcd'), traceOf(script, '.json')]);
    const vcd = parseVcd(vcdText);
    const json = jsonEdges(jsonText);
    t.deepEqual(canonical(vcd.edges), canonical(json));
    // Every wire the JSON names is declared in the VCD.
    const declared = new Set(vcd.names);
    for (const e of json) t.true(declared.has(e.name), e.name);
  });
}

test('the VCD parser sees a change that is not there as an error, and ignores repeated levels', (t) => {
  const header = '$timescale 1 ns $end\n$var wire 1 ! led $end\n$enddefinitions $end\n';
  t.deepEqual(parseVcd(`${header}#0\n$dumpvars\n0!\n$end\n#5\n1!\n#5\n1!\n#7\n0!\n`).edges, [edge(5, 'led', 1), edge(7, 'led', 0)]);
  t.throws(() => parseVcd(`${header}#0\n1?\n`), { message: /bad value change/ });
  t.throws(() => parseVcd(`${header}#9\n1!\n#3\n0!\n`), { message: /bad time stamp/ });
});

test('the SVG draws a zero-width pulse as one full-height stroke, not a faint busy band', (t) => {
  const geometry = { x0: 100, pxPerNs: 1e-6, xEnd: 1100, yHigh: 8, yLow: 28 };
  // High from 0; at 250 ms a clear and a set in consecutive instants (oneliner.gpio's loop boundary).
  const wave = drawWave([{ atNs: 0, pin: 7, level: 1 }, { atNs: 250 * MS, pin: 7, level: 0 }, { atNs: 250 * MS, pin: 7, level: 1 }], 0, geometry, 100);
  t.deepEqual(wave.busy, []);
  t.is(wave.path, 'M100,28H100V8H350V28V8H1100');
  // Edges close together but not simultaneous still make a busy band.
  const busy = drawWave([{ atNs: 250 * MS, pin: 7, level: 1 }, { atNs: 250 * MS + 10, pin: 7, level: 0 }], 0, geometry, 100);
  t.is(busy.busy.length, 1);
});
