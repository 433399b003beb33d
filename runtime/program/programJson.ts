/**
 * The JSON form of a program (`pinseq compile --emit program --json`, files handed to
 * the runtime, hot-reload change detection): typed arrays become plain arrays, keys come
 * out in a fixed order so equal programs give equal text, and a forever loop's count
 * (Infinity, which JSON cannot hold) is written as the string "Infinity".
 * `programFromJson(programToJson(p))` gives back a program deep-equal to `p`.
 */
import type { Program, ProgramSpan, RestoreEntry } from './program.js';
import { validateProgram, type ProgramValidation } from './validateProgram.js';
import { isRecord } from './validateProgramLayout.js';

/** A `code` slot in JSON: a number, or the text of a non-finite one ("Infinity"). */
export type JsonCodeSlot = number | string;

/** A program as plain JSON data. */
export interface ProgramJson {
  readonly format: string;
  readonly version: number;
  readonly chip: string;
  readonly layout: Record<string, unknown>;
  readonly code: JsonCodeSlot[];
  readonly exitEntry: number;
  readonly maxLoopDepth: number;
  readonly strings: string[];
  readonly spans: ProgramSpan[];
  readonly opSpans: number[];
  readonly restore: RestoreEntry[];
  readonly pins: number[];
  readonly outputs: number[];
  readonly inputs: number[];
  readonly pinNames: Record<string, string>;
  readonly params: Record<string, string>;
}

/** Layout keys in the order they are written; keys added to the layout later follow, sorted. */
const LAYOUT_KEY_ORDER = [
  'family', 'gpioCount', 'windowBytes', 'set', 'clear', 'level', 'functionSelect', 'forbidden', 'physicalBase', 'pull',
  'kind', 'base', 'pinsPerWord', 'bitsPerPin', 'input', 'output', 'gppud', 'gppudclk', 'settleNs', 'codes', 'none', 'down', 'up',
];

/** Converts a program to plain JSON data with a stable key order. */
export function programToJson(p: Program): ProgramJson {
  return {
    format: p.format,
    version: p.version,
    chip: p.chip,
    layout: orderedCopy(p.layout) as Record<string, unknown>,
    code: Array.from(p.code, (slot) => (Number.isFinite(slot) ? slot : String(slot))),
    exitEntry: p.exitEntry,
    maxLoopDepth: p.maxLoopDepth,
    strings: [...p.strings],
    spans: p.spans.map((s) => ({ file: s.file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn })),
    opSpans: Array.from(p.opSpans),
    restore: p.restore.map((r) => ({ offset: r.offset, mask: r.mask })),
    pins: [...p.pins],
    outputs: [...p.outputs],
    inputs: [...p.inputs],
    pinNames: { ...p.pinNames },
    params: { ...p.params },
  };
}

/**
 * Rebuilds a program from its JSON data (parsed, or straight from {@link programToJson})
 * and validates it. Never throws: malformed data is refused with the reasons.
 */
export function programFromJson(json: unknown): ProgramValidation {
  if (!isRecord(json)) return { ok: false, errors: ['a program must be a JSON object'] };
  const code = codeFromJson(json.code);
  if (typeof code === 'string') return { ok: false, errors: [code] };
  const opSpans = json.opSpans;
  if (!Array.isArray(opSpans) || !opSpans.every((s) => typeof s === 'number' && (s | 0) === s)) {
    return { ok: false, errors: ['opSpans must be an array of 32-bit integers'] };
  }
  return validateProgram({ ...json, code, opSpans: Int32Array.from(opSpans as number[]) });
}

/** `code` back as a Float64Array, or why it cannot be. */
function codeFromJson(code: unknown): Float64Array | string {
  if (!Array.isArray(code)) return 'code must be an array of numbers';
  const out = new Float64Array(code.length);
  for (let i = 0; i < code.length; i++) {
    const slot: unknown = code[i];
    if (typeof slot === 'number') out[i] = slot;
    else if (slot === 'Infinity' || slot === '-Infinity' || slot === 'NaN') out[i] = Number(slot);
    else return `code[${i}] must be a number, got ${JSON.stringify(slot) ?? typeof slot}`;
  }
  return out;
}

/** A deep copy of plain data with object keys in {@link LAYOUT_KEY_ORDER}, then any others sorted. */
function orderedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderedCopy);
  if (!isRecord(value)) return value;
  const rank = (key: string): number => {
    const i = LAYOUT_KEY_ORDER.indexOf(key);
    return i < 0 ? LAYOUT_KEY_ORDER.length : i;
  };
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, orderedCopy(value[k])]));
}
