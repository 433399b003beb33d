/**
 * Writes a trace as an SVG timing diagram to look at: one row per pin with its name
 * (and GPIO number), a time axis with 1-2-5 ticks in readable units, and marks as red
 * dashed lines labelled above the rows. Crowded edges become a filled band, and each pin
 * draws at most `maxEdgesPerPin` edges; a capped pin is hatched after the cut and named
 * in a note under the axis.
 */
import { formatSpan, formatTickTime, niceTickStep, tickTimes } from './svgTimeAxis.js';
import { drawWave } from './svgWave.js';
import { edgesInTimeOrder, initialLevel, pinLabel, tracePins, type TraceData } from './traceData.js';
import type { Edge } from '../run/runResult.js';

/** Size and limits of the diagram. */
export interface SvgOptions {
  /** Total width in px (default 1200). */
  readonly width?: number | undefined;
  /** Most edges drawn per pin (default 50 000). */
  readonly maxEdgesPerPin?: number | undefined;
  /** The heading (default `pinseq trace`); the pin count and span are appended. */
  readonly title?: string | undefined;
}

const FONT = 12;
const SMALL = 10;
// Advance of one character of the monospace font at FONT / SMALL px, for sizing label columns.
const CHAR = 7.3;
const SMALL_CHAR = 6.1;
const ROW = 36;
const TITLE = 30;
const MARK_LINE = 14;
const MAX_MARK_ROWS = 3;
const AXIS = 36;
const NOTE = 16;
const RIGHT = 28;
const MARK_LABEL_CHARS = 32;

const COLOR = { wave: '#0969da', busy: '#0969da', grid: '#d0d7de', band: '#f6f8fa', text: '#1f2328', dim: '#656d76', mark: '#cf222e' };

/** The SVG document for `data`. */
export function writeSvg(data: TraceData, options: SvgOptions = {}): string {
  const width = options.width ?? 1200;
  const maxEdges = options.maxEdgesPerPin ?? 50_000;
  const pins = tracePins(data);
  const labels = pins.map((pin) => pinLabel(data, pin));
  const left = Math.max(90, Math.ceil(Math.max(...labels.map((l) => l.length), 6) * CHAR) + 28);
  const plotWidth = Math.max(100, width - left - RIGHT);
  // A loop, not Math.max(...edges): a spread of a million arguments overflows the stack.
  let endNs = Math.max(data.endNs, 1);
  for (const e of data.edges) endNs = Math.max(endNs, e.atNs);
  for (const m of data.marks) endNs = Math.max(endNs, m.atNs);
  const pxPerNs = plotWidth / endNs;
  const xOf = (ns: number): number => left + ns * pxPerNs;

  const marks = placeMarks(data, xOf, width);
  const markRows = marks.length === 0 ? 0 : Math.max(...marks.map((m) => m.row)) + 1;
  const rowsTop = TITLE + (markRows > 0 ? markRows * MARK_LINE + 8 : 0);
  const rowsBottom = rowsTop + pins.length * ROW;

  const byPin = new Map<number, Edge[]>(pins.map((pin) => [pin, []]));
  for (const edge of edgesInTimeOrder(data)) byPin.get(edge.pin)?.push(edge);

  const body: string[] = [];
  const notes: string[] = [];
  const step = niceTickStep(endNs, plotWidth / 80);
  const ticks = tickTimes(endNs, step);
  pins.forEach((pin, row) => {
    const top = rowsTop + row * ROW;
    if (row % 2 === 1) body.push(`<rect x="0" y="${top}" width="${width}" height="${ROW}" fill="${COLOR.band}"/>`);
  });
  for (const t of ticks) body.push(`<line x1="${r(xOf(t))}" y1="${rowsTop}" x2="${r(xOf(t))}" y2="${rowsBottom}" stroke="${COLOR.grid}" stroke-width="1"/>`);

  pins.forEach((pin, row) => {
    const top = rowsTop + row * ROW;
    const name = labels[row]!;
    const gpio = `GPIO${pin}`;
    body.push(`<text x="${left - 12}" y="${top + (name === gpio ? 22 : 16)}" text-anchor="end" fill="${COLOR.text}">${escapeXml(name)}</text>`);
    if (name !== gpio) body.push(`<text x="${left - 12}" y="${top + 29}" text-anchor="end" font-size="${SMALL}" fill="${COLOR.dim}">${gpio}</text>`);
    const edges = byPin.get(pin)!;
    const wave = drawWave(edges, initialLevel(data, pin), { x0: left, pxPerNs, xEnd: left + plotWidth, yHigh: top + 8, yLow: top + ROW - 8 }, maxEdges);
    for (const [x1, x2] of wave.busy) body.push(`<rect x="${r(x1)}" y="${top + 8}" width="${r(x2 - x1)}" height="${ROW - 16}" fill="${COLOR.busy}" fill-opacity="0.35"/>`);
    body.push(`<path d="${wave.path}" fill="none" stroke="${COLOR.wave}" stroke-width="1.5"/>`);
    if (wave.omitted > 0) {
      body.push(`<rect x="${r(wave.cutX)}" y="${top + 6}" width="${r(left + plotWidth - wave.cutX)}" height="${ROW - 12}" fill="url(#capped)"/>`);
      notes.push(`${name}: ${count(edges.length)} edges, the first ${count(maxEdges)} drawn; ${count(wave.omitted)} after the hatching are not shown`);
    }
  });

  for (const mark of marks) {
    const labelY = TITLE + mark.row * MARK_LINE + 11;
    body.push(`<line x1="${r(mark.x)}" y1="${labelY + 3}" x2="${r(mark.x)}" y2="${rowsBottom}" stroke="${COLOR.mark}" stroke-width="1" stroke-dasharray="4 3"/>`);
    const anchor = mark.flipped ? ` x="${r(mark.x - 3)}" text-anchor="end"` : ` x="${r(mark.x + 3)}"`;
    body.push(`<text${anchor} y="${labelY}" font-size="${SMALL}" fill="${COLOR.mark}"><title>${escapeXml(mark.text)}</title>${escapeXml(mark.label)}</text>`);
  }

  body.push(`<line x1="${left}" y1="${rowsBottom}" x2="${left + plotWidth}" y2="${rowsBottom}" stroke="${COLOR.dim}" stroke-width="1"/>`);
  for (const t of ticks) {
    const x = r(xOf(t));
    body.push(`<line x1="${x}" y1="${rowsBottom}" x2="${x}" y2="${rowsBottom + 5}" stroke="${COLOR.dim}" stroke-width="1"/>`);
    body.push(`<text x="${x}" y="${rowsBottom + 18}" text-anchor="middle" font-size="${SMALL}" fill="${COLOR.dim}">${escapeXml(formatTickTime(t, step))}</text>`);
  }
  notes.forEach((note, i) => body.push(`<text x="${left}" y="${rowsBottom + AXIS + i * NOTE + 4}" font-size="${SMALL}" fill="${COLOR.mark}">${escapeXml(note)}</text>`));

  const height = rowsBottom + AXIS + notes.length * NOTE + (notes.length > 0 ? 8 : 0);
  const heading = `${options.title ?? 'pinseq trace'} · ${pins.length} pin${pins.length === 1 ? '' : 's'} · ${formatSpan(endNs)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT}">`,
    '<defs><pattern id="capped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="2"/></pattern></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-weight="bold" fill="${COLOR.text}">${escapeXml(heading)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** A mark placed on the diagram: its x, the label row it got, and its (maybe shortened) label. */
interface PlacedMark {
  readonly x: number;
  readonly row: number;
  readonly text: string;
  readonly label: string;
  /** The label sits left of the line (a mark near the right edge). */
  readonly flipped: boolean;
}

/** Puts each mark label in the first of three rows where it does not overlap the previous one. */
function placeMarks(data: TraceData, xOf: (ns: number) => number, width: number): PlacedMark[] {
  const rowEnds: number[] = [];
  return [...data.marks]
    .sort((a, b) => a.atNs - b.atNs)
    .map((mark) => {
      const label = mark.text.length > MARK_LABEL_CHARS ? `${mark.text.slice(0, MARK_LABEL_CHARS - 1)}…` : mark.text;
      const x = xOf(mark.atNs);
      const labelWidth = label.length * SMALL_CHAR + 6;
      const flipped = x + labelWidth > width - 4;
      const start = flipped ? x - labelWidth : x;
      let row = rowEnds.findIndex((end) => end < start);
      if (row < 0) row = rowEnds.length < MAX_MARK_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
      rowEnds[row] = Math.max(x, start + labelWidth) + 8;
      return { x, row, text: mark.text, label, flipped };
    });
}

function escapeXml(text: string): string {
  // Control characters are not allowed in XML 1.0 at all, escaped or not.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function r(x: number): number {
  return Math.round(x * 10) / 10;
}
