/**
 * The register semantics of the BCM2835 GPIO block family (BCM2835 ARM Peripherals
 * §6.1; BCM2711 ARM Peripherals §5.2), shared by the simulator and by trace replay:
 *
 * - GPSETn / GPCLRn: writing 1 bits sets / clears the pins' output latch; they read as 0;
 * - GPFSELn: 3-bit function fields per pin, read back as written;
 * - GPLEVn: the pin levels: the latch for pins whose function is output, the driven
 *   input level for every other pin (so an input on an output pin is ignored);
 * - nothing else has an effect (event detect is never modelled: nothing may write it).
 *
 * The model keeps its own register image ({@link BcmRegisterModel.regs}); writers
 * store into it and call {@link BcmRegisterModel.commit} once per instant.
 */
import type { RegisterLayout } from '../../program/program.js';
import type { EdgeLog } from './edgeLog.js';

/** Register model of one BCM-family chip's GPIO block. */
export class BcmRegisterModel {
  /** The register window image: `layout.windowBytes / 4` words. */
  readonly regs: Uint32Array;
  private readonly banks: number;
  private readonly latch: Uint32Array;
  private readonly driven: Uint32Array;
  private readonly outputs: Uint32Array;
  private readonly visible: Uint32Array;
  /** Valid pin bits of each bank (the last bank may be partial). */
  private readonly valid: Uint32Array;
  private readonly setWord: Int32Array;
  private readonly clearWord: Int32Array;
  private readonly levelWord: Int32Array;
  private readonly fselFirst: number;
  private readonly fselWords: number;
  /** The function-select words as last decoded, to skip decoding when nothing changed. */
  private readonly fselSeen: Uint32Array;
  private firstDecode = true;

  constructor(readonly layout: RegisterLayout) {
    this.regs = new Uint32Array(layout.windowBytes >>> 2);
    this.banks = layout.set.length;
    this.latch = new Uint32Array(this.banks);
    this.driven = new Uint32Array(this.banks);
    this.outputs = new Uint32Array(this.banks);
    this.visible = new Uint32Array(this.banks);
    this.valid = new Uint32Array(this.banks);
    for (let b = 0; b < this.banks; b++) {
      const pins = Math.min(32, layout.gpioCount - b * 32);
      this.valid[b] = pins >= 32 ? 0xffff_ffff : (2 ** pins - 1) >>> 0;
    }
    this.setWord = Int32Array.from(layout.set, (o) => o >>> 2);
    this.clearWord = Int32Array.from(layout.clear, (o) => o >>> 2);
    this.levelWord = Int32Array.from(layout.level, (o) => o >>> 2);
    const fs = layout.functionSelect;
    this.fselFirst = fs.base >>> 2;
    this.fselWords = Math.ceil(layout.gpioCount / fs.pinsPerWord);
    this.fselSeen = new Uint32Array(this.fselWords);
  }

  /**
   * Loads a register word without recording edges: function select, or a level word
   * (which sets both the latch and the driven input level of that bank). For the
   * simulator's initial state and for seeding a trace replay with a snapshot.
   */
  load(offset: number, value: number): void {
    const word = offset >>> 2;
    const bank = this.levelWord.indexOf(word);
    if (bank >= 0) {
      const v = (value & this.valid[bank]!) >>> 0;
      this.latch[bank] = v;
      this.driven[bank] = v;
    } else {
      this.regs[word] = value;
    }
    this.decodeFunctions();
    for (let b = 0; b < this.banks; b++) {
      this.visible[b] = this.levelOf(b);
      this.regs[this.levelWord[b]!] = this.visible[b]!;
    }
  }

  /**
   * Realises the instant stored into {@link regs}: applies GPSET then GPCLR to the
   * latch (so a pin in both ends low), zeroes them as hardware reads them, decodes
   * function select, and records every visible level change at `atNs`.
   */
  commit(atNs: number, edges: EdgeLog | null): void {
    const regs = this.regs;
    for (let b = 0; b < this.banks; b++) {
      const s = this.setWord[b]!;
      const c = this.clearWord[b]!;
      this.latch[b] = ((this.latch[b]! | regs[s]!) & ~regs[c]!) >>> 0;
      regs[s] = 0;
      regs[c] = 0;
    }
    this.decodeFunctions();
    this.publish(atNs, edges);
  }

  /** Drives input `pin` to `level` from `atNs` (no effect on the level while the pin is an output). */
  drive(pin: number, level: 0 | 1, atNs: number, edges: EdgeLog | null): void {
    const bank = pin >>> 5;
    if (bank >= this.banks) return;
    const bit = 1 << (pin & 31);
    this.driven[bank] = (level ? this.driven[bank]! | bit : this.driven[bank]! & ~bit) >>> 0;
    this.publish(atNs, edges);
  }

  /** The current level of `pin` (0 or 1). */
  level(pin: number): 0 | 1 {
    const bank = pin >>> 5;
    return ((this.visible[bank] ?? 0) >>> (pin & 31)) & 1 ? 1 : 0;
  }

  /** The function-select field of `pin` (0 input, 1 output, 2–7 alternate functions). */
  functionOf(pin: number): number {
    const fs = this.layout.functionSelect;
    const word = this.regs[this.fselFirst + Math.floor(pin / fs.pinsPerWord)]!;
    return (word >>> ((pin % fs.pinsPerWord) * fs.bitsPerPin)) & ((1 << fs.bitsPerPin) - 1);
  }

  private levelOf(bank: number): number {
    const out = this.outputs[bank]!;
    return (((this.latch[bank]! & out) | (this.driven[bank]! & ~out)) & this.valid[bank]!) >>> 0;
  }

  private publish(atNs: number, edges: EdgeLog | null): void {
    for (let b = 0; b < this.banks; b++) {
      const now = this.levelOf(b);
      let changed = (now ^ this.visible[b]!) >>> 0;
      while (changed !== 0) {
        // Lowest pin first, so edges of one instant come out in pin order.
        const bit = 31 - Math.clz32(changed & -changed);
        edges?.push(atNs, b * 32 + bit, (now >>> bit) & 1);
        changed = (changed & ~(1 << bit)) >>> 0;
      }
      this.visible[b] = now;
      this.regs[this.levelWord[b]!] = now;
    }
  }

  private decodeFunctions(): void {
    const fs = this.layout.functionSelect;
    let changed = false;
    for (let w = 0; w < this.fselWords; w++) {
      const v = this.regs[this.fselFirst + w]!;
      if (v !== this.fselSeen[w]) changed = true;
      this.fselSeen[w] = v;
    }
    if (!changed && !this.firstDecode) return;
    this.firstDecode = false;
    this.outputs.fill(0);
    const fieldMask = (1 << fs.bitsPerPin) - 1;
    for (let pin = 0; pin < this.layout.gpioCount; pin++) {
      const word = this.fselSeen[Math.floor(pin / fs.pinsPerWord)]!;
      if (((word >>> ((pin % fs.pinsPerWord) * fs.bitsPerPin)) & fieldMask) === fs.output) {
        this.outputs[pin >>> 5] = (this.outputs[pin >>> 5]! | (1 << (pin & 31))) >>> 0;
      }
    }
  }
}
