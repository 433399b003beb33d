/**
 * A register window in ordinary memory, for the backends that do not map the chip
 * (chardev, sysfs): the executor stores into it exactly as into `/dev/gpiomem`, and the
 * backend turns those stores into ioctls or file writes at each instant. This holds
 * what every such backend needs and would otherwise repeat: the output latch that
 * GPSET/GPCLR stores build up (on the chip the stores latch and the registers read 0),
 * the level words that show outputs at their latched level, and where a pin's
 * function-select field is.
 *
 * Nothing here allocates after construction: it runs on every instant.
 */
import type { RegisterLayout } from '../program/program.js';

/** The chip's registers as a plain array, with the latch a real chip keeps behind GPSET/GPCLR. */
export class ShadowRegisters {
  /** The window the executor writes: one word per register. */
  readonly regs: Uint32Array;
  /** Register-space output latch per bank: what outputs drive (the value GPSET/GPCLR left). */
  readonly latch: Uint32Array;
  /** Register-space mask per bank of the pins that are outputs now (the backend keeps it current). */
  readonly outPins: Uint32Array;
  /** Word index of each bank's level register. */
  readonly levelIdx: Int32Array;
  /** The function-select codes of input and output. */
  readonly fselInput: number;
  readonly fselOutput: number;
  private readonly setIdx: Int32Array;
  private readonly clearIdx: Int32Array;
  private readonly fselBase: number;
  private readonly fselPinsPerWord: number;
  private readonly fselBits: number;
  private readonly fselMask: number;

  constructor(layout: RegisterLayout) {
    const fsel = layout.functionSelect;
    this.regs = new Uint32Array(layout.windowBytes >>> 2);
    this.setIdx = Int32Array.from(layout.set, (o) => o >>> 2);
    this.clearIdx = Int32Array.from(layout.clear, (o) => o >>> 2);
    this.levelIdx = Int32Array.from(layout.level, (o) => o >>> 2);
    this.latch = new Uint32Array(layout.set.length);
    this.outPins = new Uint32Array(layout.set.length);
    this.fselBase = fsel.base >>> 2;
    this.fselPinsPerWord = fsel.pinsPerWord;
    this.fselBits = fsel.bitsPerPin;
    this.fselMask = (1 << fsel.bitsPerPin) - 1;
    this.fselInput = fsel.input;
    this.fselOutput = fsel.output;
  }

  /** The number of 32-pin banks. */
  get banks(): number {
    return this.latch.length;
  }

  /** Word index of the function-select register holding `pin`'s field. */
  fselWord(pin: number): number {
    return this.fselBase + Math.floor(pin / this.fselPinsPerWord);
  }

  /** `pin`'s function-select code as the executor left it. */
  fselField(pin: number): number {
    return (this.regs[this.fselWord(pin)]! >>> this.fselShift(pin)) & this.fselMask;
  }

  /** Sets `pin`'s function-select field (the state before the run, as the backend found it). */
  setFselField(pin: number, code: number): void {
    const word = this.fselWord(pin);
    const shift = this.fselShift(pin);
    this.regs[word] = (this.regs[word]! & ~(this.fselMask << shift)) | (code << shift);
  }

  /** Word indexes of every function-select register, `count` pins' worth. */
  fselWords(count: number): Int32Array {
    return Int32Array.from({ length: Math.ceil(count / this.fselPinsPerWord) }, (_, k) => this.fselBase + k);
  }

  /**
   * Folds the instant's SET/CLEAR stores into the latch and zeroes them, as the chip
   * does (they read as 0; the clear wins should one instant hold both). When `touched`
   * is given, it receives each bank's stored bits (set or clear).
   */
  latchStores(touched: Uint32Array | null): void {
    const regs = this.regs;
    for (let bank = 0; bank < this.setIdx.length; bank++) {
      const s = regs[this.setIdx[bank]!]!;
      const c = regs[this.clearIdx[bank]!]!;
      if (touched !== null) touched[bank] = s | c;
      if ((s | c) === 0) continue;
      regs[this.setIdx[bank]!] = 0;
      regs[this.clearIdx[bank]!] = 0;
      this.latch[bank] = (this.latch[bank]! | s) & ~c;
    }
  }

  /** Shows every output at its latched level in the level words (inputs keep what was read). */
  mirrorOutputs(): void {
    const regs = this.regs;
    for (let bank = 0; bank < this.levelIdx.length; bank++) {
      const at = this.levelIdx[bank]!;
      regs[at] = (regs[at]! & ~this.outPins[bank]!) | (this.latch[bank]! & this.outPins[bank]!);
    }
  }

  /** Latches what outputs drive now (their level words), for a run that starts with pins already driven. */
  latchCurrentOutputs(): void {
    for (let bank = 0; bank < this.latch.length; bank++) this.latch[bank] = this.regs[this.levelIdx[bank]!]! & this.outPins[bank]!;
  }

  private fselShift(pin: number): number {
    return (pin % this.fselPinsPerWord) * this.fselBits;
  }
}

/** True when any of the words at `indices` differs from `last` (which is brought up to date). */
export function wordsChanged(regs: Uint32Array, indices: Int32Array, last: Uint32Array): boolean {
  let changed = false;
  for (let k = 0; k < indices.length; k++) {
    const word = regs[indices[k]!]!;
    if (word !== last[k]) {
      last[k] = word;
      changed = true;
    }
  }
  return changed;
}
