/**
 * Translation between the chip's register space (32-pin banks, as GPSETn/GPCLRn/GPLEVn
 * hold them) and a line request's space (bit i = the i-th requested line, up to 64).
 *
 * Built once per request as byte-indexed lookup tables, so translating a whole bank word
 * is four table reads and ORs, and a 64-bit request bitmap eight: no loop over bits and
 * no allocation on the flush path.
 */
import { GPIO_V2_LINES_MAX } from './chardevEncoding.js';

/** The lookup tables for one request. */
export interface LineMap {
  /** Number of requested lines. */
  readonly count: number;
  /** Number of 32-pin banks in the register layout. */
  readonly banks: number;
  /** Request index → pin (the chip line offset). */
  readonly pinOfLine: Int32Array;
  /** Pin → request index, or -1 when the pin is not requested. */
  readonly lineOfPin: Int32Array;
  /** Pins requested, per bank, as a register-space mask. */
  readonly requestedPins: Uint32Array;
  /** `[((bank * 4 + byte) * 256 + value) * 2 + half]` → request bits (half 0 = lines 0–31, 1 = 32–63). */
  readonly toRequest: Uint32Array;
  /** `[((byte) * 256 + value) * banks + bank]` → register-space bits of `bank`, for byte 0–7 of a request bitmap. */
  readonly toPins: Uint32Array;
}

/**
 * Builds the tables for requesting `pins` (in that order) on a chip with `banks` banks.
 * Throws RangeError for more than 64 pins or a pin outside the banks: callers check first.
 */
export function buildLineMap(pins: readonly number[], banks: number): LineMap {
  if (pins.length > GPIO_V2_LINES_MAX) throw new RangeError(`a line request holds at most ${GPIO_V2_LINES_MAX} lines, not ${pins.length}`);
  const pinOfLine = Int32Array.from(pins);
  const lineOfPin = new Int32Array(banks * 32).fill(-1);
  const requestedPins = new Uint32Array(banks);
  pins.forEach((pin, line) => {
    if (pin < 0 || pin >= banks * 32) throw new RangeError(`pin ${pin} is outside the chip's ${banks} banks`);
    lineOfPin[pin] = line;
    requestedPins[pin >>> 5]! |= 1 << (pin & 31);
  });

  const toRequest = new Uint32Array(banks * 4 * 256 * 2);
  const toPins = new Uint32Array(8 * 256 * banks);
  for (let bank = 0; bank < banks; bank++) {
    for (let byte = 0; byte < 4; byte++) {
      for (let value = 1; value < 256; value++) {
        let lo = 0;
        let hi = 0;
        for (let bit = 0; bit < 8; bit++) {
          if ((value & (1 << bit)) === 0) continue;
          const line = lineOfPin[bank * 32 + byte * 8 + bit]!;
          if (line < 0) continue;
          if (line < 32) lo |= 1 << line;
          else hi |= 1 << (line - 32);
        }
        const at = ((bank * 4 + byte) * 256 + value) * 2;
        toRequest[at] = lo;
        toRequest[at + 1] = hi;
      }
    }
  }
  for (let byte = 0; byte < 8; byte++) {
    for (let value = 1; value < 256; value++) {
      for (let bit = 0; bit < 8; bit++) {
        if ((value & (1 << bit)) === 0) continue;
        const line = byte * 8 + bit;
        if (line >= pins.length) continue;
        const pin = pinOfLine[line]!;
        toPins[(byte * 256 + value) * banks + (pin >>> 5)]! |= 1 << (pin & 31);
      }
    }
  }
  return { count: pins.length, banks, pinOfLine, lineOfPin, requestedPins, toRequest, toPins };
}

/** Request bits 0–31 for the pins of `mask` in `bank`. */
export function requestLo(map: LineMap, bank: number, mask: number): number {
  const t = map.toRequest;
  const at = bank * 2048;
  return (t[at + (mask & 255) * 2]! | t[at + 512 + ((mask >>> 8) & 255) * 2]! | t[at + 1024 + ((mask >>> 16) & 255) * 2]! | t[at + 1536 + (mask >>> 24) * 2]!) >>> 0;
}

/** Request bits 32–63 for the pins of `mask` in `bank`. */
export function requestHi(map: LineMap, bank: number, mask: number): number {
  const t = map.toRequest;
  const at = bank * 2048 + 1;
  return (t[at + (mask & 255) * 2]! | t[at + 512 + ((mask >>> 8) & 255) * 2]! | t[at + 1024 + ((mask >>> 16) & 255) * 2]! | t[at + 1536 + (mask >>> 24) * 2]!) >>> 0;
}

/** Register-space bits of `bank` for the request bitmap `lo`/`hi` (lines 0–31 / 32–63). */
export function pinsOfRequest(map: LineMap, bank: number, lo: number, hi: number): number {
  const t = map.toPins;
  const n = map.banks;
  return (
    t[(lo & 255) * n + bank]! |
    t[(256 + ((lo >>> 8) & 255)) * n + bank]! |
    t[(512 + ((lo >>> 16) & 255)) * n + bank]! |
    t[(768 + (lo >>> 24)) * n + bank]! |
    t[(1024 + (hi & 255)) * n + bank]! |
    t[(1280 + ((hi >>> 8) & 255)) * n + bank]! |
    t[(1536 + ((hi >>> 16) & 255)) * n + bank]! |
    t[(1792 + (hi >>> 24)) * n + bank]!
  ) >>> 0;
}
