/**
 * A simulator that records every 32-bit store the executor makes into the register
 * window, and a judge of those stores that knows the BCM register map from the
 * datasheets itself, so it does not trust the program's layout or the validator it is
 * checking.
 */
import type { SimSession } from '../../runtime/backends/sim/simBackend.js';
import { SimBackend } from '../../runtime/backends/sim/simBackend.js';
import type { Program } from '../../runtime/program/program.js';

/** One store: word index into the window, the word before, the value stored. */
export interface Store {
  readonly word: number;
  readonly before: number;
  readonly value: number;
}

/**
 * A {@link SimBackend} whose sessions hand the executor a Proxy over the model's registers:
 * every indexed store is recorded, then made. Reads and `length` pass straight through.
 */
export class RecordingSim extends SimBackend {
  /** Every store of every session, in order. */
  readonly stores: Store[] = [];

  override open(program: Program): SimSession {
    const session = super.open(program);
    const target = session.regs;
    const stores = this.stores;
    const regs = new Proxy(target, {
      get: (t, key) => {
        const value: unknown = Reflect.get(t, key);
        // Typed-array methods must run on the real array, not on the proxy.
        return typeof value === 'function' ? value.bind(t) : value;
      },
      set: (t, key, value: number) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) stores.push({ word: Number(key), before: t[Number(key)] ?? NaN, value });
        return Reflect.set(t, key, value);
      },
    });
    return { ...session, regs };
  }
}

/**
 * BCM2835 ARM Peripherals §6.1 pp.90–91 and BCM2711 ARM Peripherals §5.2 pp.66–67: the
 * same offsets for GPFSEL0–5 (0x00–0x14), GPSET0/1 (0x1C, 0x20), GPCLR0/1 (0x28, 0x2C),
 * GPLEV0/1 (0x34, 0x38); event detect GPEDS0 … GPAFEN1 at 0x40–0x8C (never written);
 * pulls: BCM2835 GPPUD 0x94 and GPPUDCLK0/1 0x98/0x9C, BCM2711 GPIO_PUP_PDN_CNTRL_REG0–3 0xE4–0xF0.
 */
const FSEL = 0x00;
const SET = [0x1c, 0x20];
const CLR = [0x28, 0x2c];
const EVENT_DETECT: readonly [number, number] = [0x40, 0x94];
const GPPUD = 0x94;
const GPPUDCLK = [0x98, 0x9c];
const PUP_PDN = 0xe4;
/** Both chips' GPIO blocks map 4 KiB (BCM2835 §6.1: the GPIO block spans 0xB4 bytes; BCM2711 §5.2: 0xF4). */
const WINDOW_BYTES = 4096;

/** Returns what is wrong with a store, given the chip and the only pins the script may touch; undefined when it is allowed. */
export function storeViolation(store: Store, chip: 'bcm2835' | 'bcm2711', allowed: readonly number[]): string | undefined {
  const offset = store.word * 4;
  const at = `store of 0x${(store.value >>> 0).toString(16)} at 0x${offset.toString(16)}`;
  if (!(offset >= 0 && offset < WINDOW_BYTES)) return `${at}: outside the ${WINDOW_BYTES}-byte window`;
  if (offset >= EVENT_DETECT[0] && offset < EVENT_DETECT[1]) return `${at}: an event-detect register`;
  const bankBits = (bank: number): number => allowed.filter((p) => p >>> 5 === bank).reduce((m, p) => (m | (1 << (p & 31))) >>> 0, 0);
  const fieldBits = (base: number, pinsPerWord: number, bits: number): number => {
    const first = ((offset - base) / 4) * pinsPerWord;
    return allowed.filter((p) => p >= first && p < first + pinsPerWord)
      .reduce((m, p) => (m | ((2 ** bits - 1) << ((p - first) * bits))) >>> 0, 0);
  };
  const outside = (bits: number, mask: number): boolean => ((bits >>> 0) & ~mask) !== 0;
  const bank = [...SET, ...CLR].indexOf(offset) % 2;
  if (SET.includes(offset) || CLR.includes(offset)) return outside(store.value, bankBits(bank)) ? `${at}: bits of pins outside allow` : undefined;
  if (offset >= FSEL && offset < FSEL + 6 * 4) {
    return outside(store.before ^ store.value, fieldBits(FSEL, 10, 3)) ? `${at}: changes function-select fields of pins outside allow (was 0x${store.before.toString(16)})` : undefined;
  }
  if (chip === 'bcm2835' && offset === GPPUD) return store.value <= 2 ? undefined : `${at}: not a GPPUD code`;
  if (chip === 'bcm2835' && GPPUDCLK.includes(offset)) return outside(store.value, bankBits(GPPUDCLK.indexOf(offset))) ? `${at}: clocks pulls into pins outside allow` : undefined;
  if (chip === 'bcm2711' && offset >= PUP_PDN && offset < PUP_PDN + 4 * 4) {
    return outside(store.before ^ store.value, fieldBits(PUP_PDN, 16, 2)) ? `${at}: changes pull fields of pins outside allow` : undefined;
  }
  return `${at}: not a register a program may write`;
}
