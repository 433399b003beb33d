/**
 * The register-layout half of program validation: checks a program's `layout` and
 * turns it into a per-word table (what each register is, which bits a program may
 * touch in it), so the op-by-op check in validateProgram.ts is a few array reads.
 */
import type { LayoutPull, PullCodes, RegisterLayout } from './program.js';

/** Where validation errors go. */
export interface ErrorSink {
  add(message: string): void;
  readonly list: readonly string[];
}

/** What a register word is, for the op checks. */
export const Reg = {
  None: 0,
  FunctionSelect: 1,
  Set: 2,
  Clear: 3,
  Level: 4,
  /** BCM2835 GPPUD: takes a pull code. */
  PullControl: 5,
  /** BCM2835 GPPUDCLKn: one bit per pin. */
  PullClock: 6,
  /** BCM2711 GPIO_PUP_PDN_CNTRL_REGn: a field per pin. */
  PullFields: 7,
} as const;

/** The layout as per-word tables, indexed by `offset >>> 2`. */
export interface RegisterMap {
  readonly windowBytes: number;
  /** A {@link Reg} value per word. */
  readonly kind: Uint8Array;
  /** The bank of a SET, CLEAR, LEVEL or pull clock word. */
  readonly bank: Uint8Array;
  /** Bits a program may change (stores) or read (LEVEL words: bits of `inputs`). */
  readonly allowed: Uint32Array;
  /** Field width of function-select and pull-field words. */
  readonly fieldBits: Uint8Array;
  /** 1 where a word overlaps `layout.forbidden`. */
  readonly forbidden: Uint8Array;
  /** Values GPPUD may take. */
  readonly pullCodes: readonly number[];
}

/**
 * Byte ranges the runtime refuses to write for a register family whatever the program's
 * layout says, so a hand-made layout cannot relabel event detect as a SET register.
 * BCM2835 ARM Peripherals §6.1 pp.90–91 and BCM2711 ARM Peripherals §5.2 pp.66–67:
 * GPEDS0/1, GPREN0/1, GPFEN0/1, GPHEN0/1, GPLEN0/1, GPAREN0/1, GPAFEN0/1 at 0x40–0x8C.
 */
export const FAMILY_FORBIDDEN: Readonly<Record<RegisterLayout['family'], readonly (readonly [number, number])[]>> = {
  bcm2835: [[0x40, 0x94]],
};

/** Bigger windows than this are not GPIO blocks (RP1's is 192 KiB), and would make the tables large. */
const MAX_WINDOW_BYTES = 1 << 24;
const MAX_GPIOS = 1024;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a bad value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Checks the shape and consistency of a program's layout; returns it typed when it is usable. */
export function checkLayout(value: unknown, errors: ErrorSink): RegisterLayout | undefined {
  if (!isRecord(value)) {
    errors.add('layout must be an object');
    return undefined;
  }
  const before = errors.list.length;
  if (value.family !== 'bcm2835') errors.add(`layout.family must be "bcm2835", got ${describe(value.family)}`);
  const window = value.windowBytes;
  if (!isInt(window, 4, MAX_WINDOW_BYTES) || window % 4 !== 0) {
    errors.add(`layout.windowBytes ${describe(window)} must be a multiple of 4 up to ${MAX_WINDOW_BYTES}`);
    return undefined;
  }
  const word = (offset: unknown): boolean => isInt(offset, 0, window - 4) && offset % 4 === 0;
  const gpioCount = value.gpioCount;
  if (!isInt(gpioCount, 1, MAX_GPIOS)) {
    errors.add(`layout.gpioCount ${describe(gpioCount)} must be 1 to ${MAX_GPIOS}`);
    return undefined;
  }
  const banks = Math.ceil(gpioCount / 32);
  for (const name of ['set', 'clear', 'level'] as const) {
    const list = value[name];
    if (!Array.isArray(list) || list.length < banks || !list.every(word)) {
      errors.add(`layout.${name} must list a word offset inside the window for each of the ${banks} banks`);
    }
  }
  checkFunctionSelect(value.functionSelect, gpioCount, word, errors);
  const forbidden = value.forbidden;
  if (!Array.isArray(forbidden) || !forbidden.every((r) => Array.isArray(r) && r.length === 2 && isInt(r[0], 0, 2 ** 32) && isInt(r[1], r[0] + 1, 2 ** 32))) {
    errors.add('layout.forbidden must be a list of [start, end) byte ranges');
  }
  if (value.pull !== undefined) checkPull(value.pull, gpioCount, word, errors);
  if (value.physicalBase !== undefined && !isInt(value.physicalBase, 0, Number.MAX_SAFE_INTEGER)) {
    errors.add('layout.physicalBase must be an address');
  }
  if (errors.list.length === before) checkFamilyForbidden(value as unknown as RegisterLayout, errors);
  return errors.list.length === before ? (value as unknown as RegisterLayout) : undefined;
}

/** Refuses a layout that places any register it names inside the family's forbidden ranges. */
function checkFamilyForbidden(layout: RegisterLayout, errors: ErrorSink): void {
  const fs = layout.functionSelect;
  const words = [...layout.set, ...layout.clear, ...layout.level];
  for (let i = 0; i < Math.ceil(layout.gpioCount / fs.pinsPerWord); i++) words.push(fs.base + i * 4);
  const pull = layout.pull;
  if (pull?.kind === 'gppud-clock') words.push(pull.gppud, ...pull.gppudclk);
  if (pull?.kind === 'pup-pdn') for (let i = 0; i < Math.ceil(layout.gpioCount / pull.pinsPerWord); i++) words.push(pull.base + i * 4);
  for (const offset of words) {
    const range = FAMILY_FORBIDDEN[layout.family].find(([start, end]) => offset + 4 > start && offset < end);
    if (range) errors.add(`layout names a register at 0x${offset.toString(16)}, inside the ${layout.family} event-detect registers 0x${range[0].toString(16)}–0x${(range[1] - 1).toString(16)}`);
  }
}

function checkFunctionSelect(fs: unknown, gpioCount: number, word: (offset: unknown) => boolean, errors: ErrorSink): void {
  const ok = isRecord(fs) && isInt(fs.pinsPerWord, 1, 32) && isInt(fs.bitsPerPin, 1, 32)
    && fs.pinsPerWord * fs.bitsPerPin <= 32 && word(fs.base)
    && word((fs.base as number) + (Math.ceil(gpioCount / fs.pinsPerWord) - 1) * 4)
    && isInt(fs.input, 0, 2 ** fs.bitsPerPin - 1) && isInt(fs.output, 0, 2 ** fs.bitsPerPin - 1);
  if (!ok) errors.add('layout.functionSelect must give base, pinsPerWord, bitsPerPin, input and output fitting the window');
}

function checkPull(pull: unknown, gpioCount: number, word: (offset: unknown) => boolean, errors: ErrorSink): void {
  const codes = isRecord(pull) ? pull.codes : undefined;
  const codesOk = isRecord(codes) && [codes.none, codes.down, codes.up].every((c) => isInt(c, 0, 2 ** 32 - 1));
  let ok = false;
  if (isRecord(pull) && pull.kind === 'gppud-clock') {
    const clocks = pull.gppudclk;
    ok = word(pull.gppud) && Array.isArray(clocks) && clocks.length >= Math.ceil(gpioCount / 32) && clocks.every(word)
      && isInt(pull.settleNs, 0, 1e9);
  } else if (isRecord(pull) && pull.kind === 'pup-pdn') {
    ok = isInt(pull.pinsPerWord, 1, 32) && isInt(pull.bitsPerPin, 1, 32) && pull.pinsPerWord * pull.bitsPerPin <= 32
      && word(pull.base) && word((pull.base as number) + (Math.ceil(gpioCount / pull.pinsPerWord) - 1) * 4);
  }
  if (!ok || !codesOk) errors.add('layout.pull must be a gppud-clock or pup-pdn description with codes, fitting the window');
}

/**
 * Builds the per-word tables for a checked layout: `pins` decide which bits stores may
 * touch, `inputs` which level bits may be read.
 */
export function buildRegisterMap(layout: RegisterLayout, pins: readonly number[], inputs: readonly number[]): RegisterMap {
  const words = layout.windowBytes >>> 2;
  const map = {
    windowBytes: layout.windowBytes,
    kind: new Uint8Array(words),
    bank: new Uint8Array(words),
    allowed: new Uint32Array(words),
    fieldBits: new Uint8Array(words),
    forbidden: new Uint8Array(words),
    pullCodes: pullCodesOf(layout.pull),
  };
  for (const [start, end] of [...layout.forbidden, ...FAMILY_FORBIDDEN[layout.family]]) {
    for (let w = Math.floor(start / 4); w < Math.min(words, Math.ceil(end / 4)); w++) map.forbidden[w] = 1;
  }
  const banked = (offsets: readonly number[], kind: number): void => offsets.forEach((offset, bank) => {
    map.kind[offset >>> 2] = kind;
    map.bank[offset >>> 2] = bank;
  });
  banked(layout.set, Reg.Set);
  banked(layout.clear, Reg.Clear);
  banked(layout.level, Reg.Level);
  const fs = layout.functionSelect;
  fields(map, fs, Reg.FunctionSelect, layout.gpioCount, pins);
  const pull = layout.pull;
  if (pull?.kind === 'pup-pdn') fields(map, pull, Reg.PullFields, layout.gpioCount, pins);
  if (pull?.kind === 'gppud-clock') {
    map.kind[pull.gppud >>> 2] = Reg.PullControl;
    banked(pull.gppudclk, Reg.PullClock);
  }
  for (const pin of pins) {
    for (const offsets of [layout.set, layout.clear, pull?.kind === 'gppud-clock' ? pull.gppudclk : []]) {
      const w = offsets[pin >>> 5]! >>> 2;
      map.allowed[w] = (map.allowed[w]! | (1 << (pin & 31))) >>> 0;
    }
  }
  for (const pin of inputs) {
    const w = layout.level[pin >>> 5]! >>> 2;
    map.allowed[w] = (map.allowed[w]! | (1 << (pin & 31))) >>> 0;
  }
  return map;
}

interface FieldGeometry {
  readonly base: number;
  readonly pinsPerWord: number;
  readonly bitsPerPin: number;
}

/** Marks the words of a field register and, in each, the fields belonging to `pins`. */
function fields(map: RegisterMap, { base, pinsPerWord, bitsPerPin }: FieldGeometry, kind: number, gpioCount: number, pins: readonly number[]): void {
  const field = bitsPerPin >= 32 ? 0xffffffff : (1 << bitsPerPin) - 1;
  for (let w = 0; w < Math.ceil(gpioCount / pinsPerWord); w++) {
    map.kind[(base >>> 2) + w] = kind;
    map.fieldBits[(base >>> 2) + w] = bitsPerPin;
  }
  for (const pin of pins) {
    const w = (base >>> 2) + Math.floor(pin / pinsPerWord);
    map.allowed[w] = (map.allowed[w]! | (field << ((pin % pinsPerWord) * bitsPerPin))) >>> 0;
  }
}

function pullCodesOf(pull: LayoutPull | undefined): number[] {
  if (!pull) return [];
  const codes: PullCodes = pull.codes;
  return [codes.none, codes.down, codes.up];
}
