import test from 'ava';
import { traceToJson, writeJsonTrace } from '../../runtime/trace/json.js';
import { writeSvg } from '../../runtime/trace/svg.js';
import { formatSpan, formatTickTime, niceTickStep, tickTimes } from '../../runtime/trace/svgTimeAxis.js';
import type { TraceData } from '../../runtime/trace/traceData.js';
import { vcdIdentifier, vcdName, writeVcd } from '../../runtime/trace/vcd.js';
import { xmlProblem } from './_xmlCheck.js';

const small: TraceData = {
  pins: [7, 9],
  pinNames: { '7': 'bar[0]' },
  edges: [
    { atNs: 0, pin: 7, level: 1 },
    { atNs: 1000, pin: 9, level: 1 },
    { atNs: 1000, pin: 7, level: 0 },
    { atNs: 1500, pin: 7, level: 0 },
    { atNs: 2500, pin: 9, level: 0 },
  ],
  marks: [{ atNs: 1000, text: 'go' }, { atNs: 2000, text: 'two\nlines $end' }],
  endNs: 3000,
  initialLevels: { 9: 0 },
};

test('VCD: header, one wire per pin by name, values at #0, changes and marks in time order', (t) => {
  t.is(
    writeVcd(small, { date: new Date('2025-01-02T03:04:05Z'), version: 'pinseq test' }),
    [
      '$date',
      '  2025-01-02T03:04:05.000Z',
      '$end',
      '$version',
      '  pinseq test',
      '$end',
      '$timescale 1 ns $end',
      '$scope module pinseq $end',
      '$var wire 1 ! bar_0_ $end',
      '$var wire 1 " GPIO9 $end',
      '$upscope $end',
      '$enddefinitions $end',
      '#0',
      '$dumpvars',
      '1!',
      '0"',
      '$end',
      '#1000',
      '1"',
      '0!',
      '$comment mark: go $end',
      '#2000',
      '$comment mark: two lines $ end $end',
      '#2500',
      '0"',
      '#3000',
      '',
    ].join('\n'),
  );
});

test('VCD: unsorted edges are sorted, a pin seen only in edges is added, the end time is written once', (t) => {
  const vcd = writeVcd({ pins: [], pinNames: {}, edges: [{ atNs: 20, pin: 3, level: 1 }, { atNs: 10, pin: 3, level: 1 }], marks: [], endNs: 20 }, { date: new Date(0) });
  t.true(vcd.includes('$var wire 1 ! GPIO3 $end'));
  t.true(vcd.endsWith('#0\n$dumpvars\n0!\n$end\n#10\n1!\n#20\n'), 'the repeated level at 20 is no change; #20 marks the end');
  const endsOnChange = writeVcd({ pins: [3], pinNames: {}, edges: [{ atNs: 20, pin: 3, level: 1 }], marks: [], endNs: 20 }, { date: new Date(0) });
  t.true(endsOnChange.endsWith('$end\n#20\n1!\n'), endsOnChange);
});

test('VCD identifiers and names', (t) => {
  t.deepEqual([vcdIdentifier(0), vcdIdentifier(1), vcdIdentifier(93), vcdIdentifier(94), vcdIdentifier(95)], ['!', '"', '~', '!!', '!"']);
  t.deepEqual([vcdName('bar[0]'), vcdName('GPIO7'), vcdName('7up'), vcdName('a b')], ['bar_0_', 'GPIO7', '_7up', 'a_b']);
});

test('JSON: the documented shape, keys in order, edges and marks in time order', (t) => {
  const shuffled = { ...small, edges: [small.edges[4]!, ...small.edges.slice(0, 4)] };
  const text = writeJsonTrace(shuffled);
  const json = JSON.parse(text) as Record<string, unknown>;
  t.deepEqual(Object.keys(json), ['format', 'version', 'timeUnit', 'endNs', 'pins', 'edges', 'marks']);
  t.like(json, { format: 'pinseq-trace', version: 1, timeUnit: 'ns', endNs: 3000 });
  t.deepEqual(json['pins'], [{ pin: 7, name: 'bar[0]', initial: 0 }, { pin: 9, name: 'GPIO9', initial: 0 }]);
  t.deepEqual(
    (json['edges'] as { atNs: number }[]).map((e) => e.atNs),
    [0, 1000, 1000, 1500, 2500],
  );
  t.deepEqual(json['marks'], [{ atNs: 1000, text: 'go' }, { atNs: 2000, text: 'two\nlines $end' }]);
  t.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(traceToJson(shuffled))), 'the text and the object agree');
  t.true(text.includes('\n    {"atNs":1000,"pin":9,"level":1},\n'), 'one edge per line');
});

test('SVG: well-formed, with every pin label, GPIO numbers, marks and time ticks', (t) => {
  const svg = writeSvg({ ...small, marks: [...small.marks, { atNs: 500, text: '<start> & "go"' }], endNs: 1_000_000 });
  t.is(xmlProblem(svg), undefined);
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.true(svg.includes('>bar[0]</text>'));
  t.true(svg.includes('>GPIO7</text>'), 'the GPIO number under a script name');
  t.true(svg.includes('>GPIO9</text>'));
  t.true(svg.includes('&lt;start&gt; &amp; &quot;go&quot;'), 'mark text escaped');
  for (const tick of ['>0<', '>100 µs<', '>500 µs<', '>1 ms<']) t.true(svg.includes(tick), tick);
  t.true(svg.includes('pinseq trace · 2 pins · 1 ms'));
});

test('SVG: crowded edges become a band; past the cap the row is hatched and a note says so', (t) => {
  const edges = Array.from({ length: 2000 }, (_, i) => ({ atNs: i * 1000, pin: 4, level: (i % 2 === 0 ? 1 : 0) as 0 | 1 }));
  const svg = writeSvg({ pins: [4], pinNames: {}, edges, marks: [], endNs: 2_000_000 }, { width: 600, maxEdgesPerPin: 1000 });
  t.is(xmlProblem(svg), undefined);
  t.regex(svg, /<rect [^>]*fill-opacity="0.35"/, 'a busy band');
  t.regex(svg, /fill="url\(#capped\)"/);
  t.true(svg.includes('GPIO4: 2,000 edges, the first 1,000 drawn; 1,000 after the hatching are not shown'));
  const uncapped = writeSvg({ pins: [4], pinNames: {}, edges, marks: [], endNs: 2_000_000 }, { width: 600 });
  t.false(uncapped.includes('url(#capped)"/>'));
  t.true(uncapped.length < 20_000, 'two thousand edges in 500 px draw as one band, not 2000 segments');
});

test('SVG: a quarter of a million edges draw (no argument-spread overflow) and stay small', (t) => {
  const edges = Array.from({ length: 250_000 }, (_, i) => ({ atNs: i * 40_000, pin: 18, level: (i % 2 === 0 ? 1 : 0) as 0 | 1 }));
  const svg = writeSvg({ pins: [18], pinNames: {}, edges, marks: [], endNs: 10e9 }, { maxEdgesPerPin: 1e6 });
  t.is(xmlProblem(svg), undefined);
  t.true(svg.length < 20_000);
  t.true(svg.includes('>10 s<'));
});

test('time axis: 1-2-5 steps and labels in the unit that reads best', (t) => {
  t.is(niceTickStep(1_000_000, 10), 100_000);
  t.is(niceTickStep(10e9, 10), 1e9);
  t.is(niceTickStep(3_000, 10), 500);
  t.is(niceTickStep(7_000_000, 5), 2_000_000);
  t.deepEqual(tickTimes(1000, 250), [0, 250, 500, 750, 1000]);
  t.deepEqual(
    [formatTickTime(0, 1e5), formatTickTime(9e5, 1e5), formatTickTime(1e6, 1e5), formatTickTime(1.1e6, 1e5), formatTickTime(5e9, 1e9), formatTickTime(2.5e6, 5e5), formatTickTime(40, 20)],
    ['0', '900 µs', '1 ms', '1.1 ms', '5 s', '2.5 ms', '40 ns'],
  );
  t.deepEqual([formatSpan(1e6), formatSpan(10e9), formatSpan(2_500_000), formatSpan(0)], ['1 ms', '10 s', '2.5 ms', '0 s']);
});
