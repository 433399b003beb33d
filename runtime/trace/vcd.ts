/**
 * Writes a trace as a Value Change Dump (IEEE 1364 §18), the waveform format GTKWave,
 * PulseView/sigrok and most simulators read: timescale 1 ns, one 1-bit wire per pin
 * named after the pin (sanitised: `bar[0]` → `bar_0_`, since `[0]` would read as a bit
 * select), initial values at #0, and each `mark` as a `$comment mark: …` at its time
 * (comments are the one annotation every reader accepts).
 */
import { edgesInTimeOrder, initialLevel, pinLabel, tracePins, type TraceData } from './traceData.js';

/** Header details of a VCD file. */
export interface VcdOptions {
  /** The `$date` (default: now). */
  readonly date?: Date | undefined;
  /** The `$version` text (default: `pinseq`). */
  readonly version?: string | undefined;
}

/** The whole VCD text for `data`. */
export function writeVcd(data: TraceData, options: VcdOptions = {}): string {
  const pins = tracePins(data);
  const ids = new Map(pins.map((pin, i) => [pin, vcdIdentifier(i)]));
  const names = uniqueNames(pins.map((pin) => vcdName(pinLabel(data, pin))));
  const out: string[] = [
    '$date',
    `  ${(options.date ?? new Date()).toISOString()}`,
    '$end',
    '$version',
    `  ${options.version ?? 'pinseq'}`,
    '$end',
    '$timescale 1 ns $end',
    '$scope module pinseq $end',
    ...pins.map((pin, i) => `$var wire 1 ${ids.get(pin)} ${names[i]} $end`),
    '$upscope $end',
    '$enddefinitions $end',
  ];

  const edges = edgesInTimeOrder(data);
  const level = new Map(pins.map((pin) => [pin, initialLevel(data, pin)]));
  // Edges at time 0 are the starting values, not changes.
  let e = 0;
  for (; e < edges.length && Math.round(edges[e]!.atNs) <= 0; e++) level.set(edges[e]!.pin, edges[e]!.level);
  out.push('#0', '$dumpvars', ...pins.map((pin) => `${level.get(pin)}${ids.get(pin)}`), '$end');

  const marks = [...data.marks].sort((a, b) => a.atNs - b.atNs);
  let m = 0;
  let last = 0;
  const stamp = (t: number): void => {
    if (t !== last) out.push(`#${t}`);
    last = t;
  };
  for (; m < marks.length && Math.round(marks[m]!.atNs) <= 0; m++) out.push(markComment(marks[m]!.text));
  while (e < edges.length || m < marks.length) {
    const edgeAt = e < edges.length ? Math.round(edges[e]!.atNs) : Infinity;
    const markAt = m < marks.length ? Math.round(marks[m]!.atNs) : Infinity;
    if (edgeAt <= markAt) {
      const edge = edges[e++]!;
      if (level.get(edge.pin) === edge.level) continue; // not a change
      level.set(edge.pin, edge.level);
      stamp(edgeAt);
      out.push(`${edge.level}${ids.get(edge.pin)}`);
    } else {
      stamp(markAt);
      out.push(markComment(marks[m++]!.text));
    }
  }
  const end = Math.round(data.endNs);
  if (end > last) out.push(`#${end}`);
  return `${out.join('\n')}\n`;
}

/** The i-th short identifier code: printable ASCII 33–126, base 94 (`!`, `"`, … `~`, `!!`, …). */
export function vcdIdentifier(index: number): string {
  let id = '';
  let n = index;
  do {
    id = String.fromCharCode(33 + (n % 94)) + id;
    n = Math.floor(n / 94) - 1;
  } while (n >= 0);
  return id;
}

/** A signal name safe for VCD readers: letters, digits and `_` only, not starting with a digit. */
export function vcdName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(safe) || safe === '' ? `_${safe}` : safe;
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

function markComment(text: string): string {
  // One line, and no `$end` inside the comment.
  return `$comment mark: ${text.replace(/\s+/g, ' ').replace(/\$end/g, '$ end')} $end`;
}
