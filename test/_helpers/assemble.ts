/**
 * A tiny assembler for hand-built programs in runtime tests (the compiler is not needed
 * to test the runtime): nested loops and else blocks are written as nested arrays and
 * laid out with correct jump targets, and the pin tables and restore entries are derived
 * from the ops. Uses the BCM2711 layout by default.
 */
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { Op, PROGRAM_FORMAT, PROGRAM_VERSION, type Program, type RegisterLayout, type RestoreEntry } from '../../runtime/program/program.js';

/** A block of statements (an interface, so {@link Asm} can nest). */
export interface AsmBlock extends ReadonlyArray<Asm> {}

/** One assembly statement. */
export type Asm =
  | readonly ['WRITE', number, number]
  | readonly ['RMW', number, number, number]
  | readonly ['TOGGLE', number, number, number, number]
  | readonly ['COMMIT']
  | readonly ['WAIT', number]
  | readonly ['SPIN', number]
  | readonly ['LOOP', number, AsmBlock]
  | readonly ['EVERY', number, number, AsmBlock]
  | readonly ['WAIT_LEVEL', number, number, 0 | 1, number, AsmBlock?]
  | readonly ['LOG' | 'MARK', string]
  | readonly ['RAW', ...number[]];

/** Options of {@link assemble}. */
export interface AssembleOptions {
  readonly exit?: readonly Asm[];
  readonly layout?: RegisterLayout;
  readonly chip?: string;
  /** Extra pins for the `pins` table (it always holds every pin the ops touch). */
  readonly pins?: readonly number[];
}

/** The layout the helpers below use. */
export const LAYOUT = bcm2711.layout;
const FS = LAYOUT.functionSelect;

/** Assembles `main` (and `options.exit`) into a Program. */
export function assemble(main: readonly Asm[], options: AssembleOptions = {}): Program {
  const layout = options.layout ?? LAYOUT;
  const code: number[] = [];
  const strings: string[] = [];
  const tables = { pins: new Set<number>(options.pins ?? []), inputs: new Set<number>(), outputs: new Set<number>(), restore: new Map<number, number>() };
  let depth = 0;
  let maxDepth = 0;
  const emit = (body: readonly Asm[]): void => {
    for (const stmt of body) {
      switch (stmt[0]) {
        case 'LOOP':
        case 'EVERY': {
          if (stmt[0] === 'LOOP') code.push(Op.LOOP, stmt[1], -1);
          else code.push(Op.EVERY, stmt[1], stmt[2], -1);
          const bodyPc = code.length;
          depth++;
          maxDepth = Math.max(maxDepth, depth);
          emit(stmt[0] === 'LOOP' ? stmt[2] : stmt[3]);
          depth--;
          code.push(stmt[0] === 'LOOP' ? Op.NEXT : Op.NEXT_EVERY, bodyPc);
          code[bodyPc - 1] = code.length;
          break;
        }
        case 'WAIT_LEVEL': {
          const [, offset, mask, level, timeout, orElse] = stmt;
          pinsOf(layout.level, offset, mask).forEach((p) => (tables.pins.add(p), tables.inputs.add(p)));
          const at = code.length;
          code.push(Op.WAIT_LEVEL, offset, mask, level, timeout, -1);
          if (orElse) {
            code.push(Op.JUMP, -1);
            const jump = code.length - 1;
            code[at + 5] = code.length;
            emit(orElse);
            code[jump] = code.length;
          }
          break;
        }
        case 'LOG':
        case 'MARK': {
          let index = strings.indexOf(stmt[1]);
          if (index < 0) index = strings.push(stmt[1]) - 1;
          code.push(stmt[0] === 'LOG' ? Op.LOG : Op.MARK, index);
          break;
        }
        case 'WRITE':
          [...pinsOf(layout.set, stmt[1], stmt[2]), ...pinsOf(layout.clear, stmt[1], stmt[2])].forEach((p) => tables.pins.add(p));
          code.push(Op.WRITE, stmt[1], stmt[2]);
          break;
        case 'RMW': {
          const [, offset, clearMask, setBits] = stmt;
          noteFunctionSelect(layout, offset, clearMask, setBits, tables);
          code.push(Op.RMW, offset, clearMask, setBits);
          break;
        }
        case 'TOGGLE':
          pinsOf(layout.level, stmt[1], stmt[4]).forEach((p) => (tables.pins.add(p), tables.inputs.add(p)));
          code.push(Op.TOGGLE, stmt[1], stmt[2], stmt[3], stmt[4]);
          break;
        case 'COMMIT':
          code.push(Op.COMMIT);
          break;
        case 'WAIT':
          code.push(Op.WAIT, stmt[1]);
          break;
        case 'SPIN':
          code.push(Op.SPIN, stmt[1]);
          break;
        case 'RAW':
          code.push(...(stmt.slice(1) as number[]));
          break;
      }
    }
  };
  emit(main);
  code.push(Op.END);
  const exitEntry = code.length;
  emit(options.exit ?? []);
  code.push(Op.END);
  const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
  const restore: RestoreEntry[] = [...tables.restore].sort((a, b) => a[0] - b[0]).map(([offset, mask]) => ({ offset, mask }));
  return {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    chip: options.chip ?? 'bcm2711',
    layout,
    code: Float64Array.from(code),
    exitEntry,
    maxLoopDepth: maxDepth,
    strings,
    spans: [],
    opSpans: new Int32Array(code.length).fill(-1),
    restore,
    pins: sorted(tables.pins),
    outputs: sorted(tables.outputs),
    inputs: sorted(tables.inputs),
    pinNames: {},
    params: {},
  };
}

function pinsOf(banks: readonly number[], offset: number, mask: number): number[] {
  const bank = banks.indexOf(offset);
  if (bank < 0) return [];
  const pins: number[] = [];
  for (let bit = 0; bit < 32; bit++) if ((mask >>> bit) & 1) pins.push(bank * 32 + bit);
  return pins;
}

function noteFunctionSelect(layout: RegisterLayout, offset: number, clearMask: number, setBits: number, tables: { pins: Set<number>; outputs: Set<number>; restore: Map<number, number> }): void {
  const fs = layout.functionSelect;
  const word = (offset - fs.base) / 4;
  if (word < 0 || word >= Math.ceil(layout.gpioCount / fs.pinsPerWord)) return;
  tables.restore.set(offset, ((tables.restore.get(offset) ?? 0) | clearMask) >>> 0);
  for (let i = 0; i < fs.pinsPerWord; i++) {
    const field = (clearMask >>> (i * fs.bitsPerPin)) & 7;
    if (field === 0) continue;
    const pin = word * fs.pinsPerWord + i;
    tables.pins.add(pin);
    if (((setBits >>> (i * fs.bitsPerPin)) & 7) === fs.output) tables.outputs.add(pin);
  }
}

/** Bit mask of `pins` within bank 0 (pins 0–31). */
export function mask(...pins: number[]): number {
  return pins.reduce((m, p) => (m | (1 << p)) >>> 0, 0);
}

/** `set PINS` (bank 0) as a WRITE to GPSET0. */
export function set(...pins: number[]): Asm {
  return ['WRITE', LAYOUT.set[0]!, mask(...pins)];
}

/** `clear PINS` (bank 0) as a WRITE to GPCLR0. */
export function clear(...pins: number[]): Asm {
  return ['WRITE', LAYOUT.clear[0]!, mask(...pins)];
}

/** Byte offset of the function-select word of `pin`. */
export function fselOffset(pin: number): number {
  return FS.base + Math.floor(pin / FS.pinsPerWord) * 4;
}

/** The 3-bit field mask of `pin` in its function-select word. */
export function fselField(pin: number): number {
  return (7 << ((pin % FS.pinsPerWord) * FS.bitsPerPin)) >>> 0;
}

/** Function select of one pin as an exact 3-bit RMW: `code` 0 input, 1 output, 4 ALT0 … */
export function mode(pin: number, code: number): Asm {
  return ['RMW', fselOffset(pin), fselField(pin), (code << ((pin % FS.pinsPerWord) * FS.bitsPerPin)) >>> 0];
}

/** `out PIN`. */
export function out(pin: number): Asm {
  return mode(pin, FS.output);
}

/** A runtime `toggle PINS` (bank 0): reads GPLEV0. */
export function toggle(...pins: number[]): Asm {
  return ['TOGGLE', LAYOUT.level[0]!, LAYOUT.set[0]!, LAYOUT.clear[0]!, mask(...pins)];
}

/** `wait until PIN high|low [timeout] [else …]` (bank 0). */
export function waitLevel(pin: number, level: 0 | 1, timeoutNs = -1, orElse?: readonly Asm[]): Asm {
  return ['WAIT_LEVEL', LAYOUT.level[0]!, mask(pin), level, timeoutNs, orElse];
}

/** Milliseconds in nanoseconds. */
export const ms = (n: number): number => n * 1_000_000;
