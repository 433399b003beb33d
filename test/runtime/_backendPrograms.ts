/**
 * Hand-built programs for the backend tests (chardev, sysfs, gpiomem, devmem), so they
 * do not depend on the compiler. Uses the chips' register layouts from src/ (tests only).
 */
import { bcm2711 } from '../../src/chips/bcm2711.js';
import { Op, PROGRAM_FORMAT, PROGRAM_VERSION, type Program, type RegisterLayout } from '../../runtime/program/program.js';

/** One op as written in a test: `['WRITE', offset, value]`, `['RMW', offset, clear, set]`, `['COMMIT']`, … */
export type HandOp = readonly [keyof typeof Op, ...number[]];

/** What a hand-built program declares besides its code. */
export interface HandProgramOptions {
  readonly pins: readonly number[];
  readonly outputs?: readonly number[];
  readonly inputs?: readonly number[];
  readonly layout?: RegisterLayout;
  readonly chip?: string;
  readonly exit?: readonly HandOp[];
}

/** Assembles `main` (then END) and `options.exit` (then END) into a Program. */
export function handProgram(main: readonly HandOp[], options: HandProgramOptions): Program {
  const code: number[] = [];
  const emit = (ops: readonly HandOp[]): void => {
    for (const [name, ...operands] of ops) code.push(Op[name], ...operands);
    code.push(Op.END);
  };
  emit(main);
  const exitEntry = code.length;
  emit(options.exit ?? []);
  return {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    chip: options.chip ?? 'bcm2711',
    layout: options.layout ?? bcm2711.layout,
    code: Float64Array.from(code),
    exitEntry,
    maxLoopDepth: 0,
    strings: [],
    spans: [],
    opSpans: new Int32Array(code.length).fill(-1),
    restore: [],
    pins: [...options.pins].sort((a, b) => a - b),
    outputs: options.outputs ?? [],
    inputs: options.inputs ?? [],
    pinNames: {},
    params: {},
  };
}

/** The RMW that puts `pin` into function-select `code` (BCM layout: 3 bits, 10 pins per word). */
export function fselOp(pin: number, code: number, layout: RegisterLayout = bcm2711.layout): HandOp {
  const fsel = layout.functionSelect;
  const offset = fsel.base + Math.floor(pin / fsel.pinsPerWord) * 4;
  const shift = (pin % fsel.pinsPerWord) * fsel.bitsPerPin;
  return ['RMW', offset, (((1 << fsel.bitsPerPin) - 1) << shift) >>> 0, (code << shift) >>> 0];
}

/** The function-select field of `pin` in a register buffer. */
export function fselField(regs: Uint32Array, pin: number, layout: RegisterLayout = bcm2711.layout): number {
  const fsel = layout.functionSelect;
  const word = regs[(fsel.base >>> 2) + Math.floor(pin / fsel.pinsPerWord)]!;
  return (word >>> ((pin % fsel.pinsPerWord) * fsel.bitsPerPin)) & ((1 << fsel.bitsPerPin) - 1);
}

/** Word index of a byte offset. */
export function word(offset: number): number {
  return offset >>> 2;
}
