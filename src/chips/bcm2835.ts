/**
 * BCM2835 (Pi 1, Zero) and its register-compatible successors BCM2836/BCM2837
 * (Pi 2, Pi 3, Zero 2). Offsets from "BCM2835 ARM Peripherals" (2012), §6.1
 * "Register View", pp.90–91; the GPIO block is at bus address 0x7E200000.
 */
import type { Chip } from './chip.js';

/** GPFSEL0–5: function select, 3 bits per pin, 10 pins per word (§6.1 p.91, Table 6-2). */
export const GPFSEL0 = 0x00;
/** GPSET0/1: write 1 to drive high (§6.1 p.95). */
export const GPSET0 = 0x1c;
export const GPSET1 = 0x20;
/** GPCLR0/1: write 1 to drive low (§6.1 p.95). */
export const GPCLR0 = 0x28;
export const GPCLR1 = 0x2c;
/** GPLEV0/1: pin levels, read-only (§6.1 p.96). */
export const GPLEV0 = 0x34;
export const GPLEV1 = 0x38;
/** GPEDS0 … GPAFEN1: event detect status and enables, 0x40–0x8C (§6.1 pp.96–100). The kernel owns them. */
export const EVENT_DETECT_START = 0x40;
export const EVENT_DETECT_END = 0x94;
/** GPPUD and GPPUDCLK0/1: the pull sequence (§6.1 p.101). */
export const GPPUD = 0x94;
export const GPPUDCLK0 = 0x98;
export const GPPUDCLK1 = 0x9c;

/** FSEL codes (§6.1 Table 6-2): 000 input, 001 output, ALT0–5 = 100, 101, 110, 111, 011, 010. */
export const BCM_ALT_CODES = [0b100, 0b101, 0b110, 0b111, 0b011, 0b010] as const;

// The datasheet asks for 150 cycles between steps; pinctrl waits 10 µs, which is safe on every clock.
// Also in the layout so the runtime knows where pulls live.
const BCM2835_PULL = { kind: 'gppud-clock', gppud: GPPUD, gppudclk: [GPPUDCLK0, GPPUDCLK1], settleNs: 10_000, codes: { none: 0, down: 1, up: 2 } } as const;

export const bcm2835: Chip = {
  name: 'bcm2835',
  description: 'Raspberry Pi 1, Zero, 2, 3, Zero 2 (BCM2835/6/7), 54 GPIOs',
  layout: {
    family: 'bcm2835',
    gpioCount: 54,
    windowBytes: 4096,
    set: [GPSET0, GPSET1],
    clear: [GPCLR0, GPCLR1],
    level: [GPLEV0, GPLEV1],
    functionSelect: { base: GPFSEL0, pinsPerWord: 10, bitsPerPin: 3, input: 0, output: 1 },
    forbidden: [
      // GPLEV is read-only: a store there means a compiler bug.
      [GPLEV0, GPLEV1 + 4],
      [EVENT_DETECT_START, EVENT_DETECT_END],
      // Past GPPUDCLK1 there is only the test register and reserved space.
      [GPPUDCLK1 + 4, 4096],
    ],
    // Pi 2/3 peripheral base 0x3F000000 + 0x200000; the Pi 1 uses 0x20200000 (found from the device tree when present).
    physicalBase: 0x3f200000,
    pull: BCM2835_PULL,
  },
  altCodes: BCM_ALT_CODES,
  pull: BCM2835_PULL,
  compatible: ['brcm,bcm2835-gpio'],
};
