/**
 * BCM2711 (Pi 4, Pi 400, CM4). The GPIO block keeps the BCM2835 layout for function
 * select, set, clear and level ("BCM2711 ARM Peripherals" (2020), §5.2 "Register View",
 * pp.65–67) but has 58 GPIOs and replaces GPPUD/GPPUDCLK with GPIO_PUP_PDN_CNTRL_REG0–3
 * at 0xE4–0xF0 (§5.2 p.84).
 */
import type { Chip } from './chip.js';
import { BCM_ALT_CODES, EVENT_DETECT_END, EVENT_DETECT_START, GPCLR0, GPCLR1, GPFSEL0, GPLEV0, GPLEV1, GPSET0, GPSET1 } from './bcm2835.js';

/** GPIO_PUP_PDN_CNTRL_REG0: 2 bits per pin, 16 pins per word; 00 none, 01 up, 10 down (§5.2 p.84). */
export const GPIO_PUP_PDN_CNTRL_REG0 = 0xe4;
/** End of GPIO_PUP_PDN_CNTRL_REG3. */
const PUP_PDN_END = 0xf4;

/** Pulls: 2 bits per pin in GPIO_PUP_PDN_CNTRL_REGn (§5.2 p.84); also in the layout so the runtime knows them. */
const BCM2711_PULL = { kind: 'pup-pdn', base: GPIO_PUP_PDN_CNTRL_REG0, pinsPerWord: 16, bitsPerPin: 2, codes: { none: 0b00, up: 0b01, down: 0b10 } } as const;

export const bcm2711: Chip = {
  name: 'bcm2711',
  description: 'Raspberry Pi 4, Pi 400, CM4 (BCM2711), 58 GPIOs',
  layout: {
    family: 'bcm2835',
    gpioCount: 58,
    windowBytes: 4096,
    set: [GPSET0, GPSET1],
    clear: [GPCLR0, GPCLR1],
    level: [GPLEV0, GPLEV1],
    functionSelect: { base: GPFSEL0, pinsPerWord: 10, bitsPerPin: 3, input: 0, output: 1 },
    forbidden: [
      [GPLEV0, GPLEV1 + 4],
      [EVENT_DETECT_START, EVENT_DETECT_END],
      // The old GPPUD/GPPUDCLK slots and reserved space before the new pull registers.
      [EVENT_DETECT_END, GPIO_PUP_PDN_CNTRL_REG0],
      [PUP_PDN_END, 4096],
    ],
    // Low-peripheral mode: peripherals at 0xFE000000, GPIO at +0x200000.
    physicalBase: 0xfe200000,
    pull: BCM2711_PULL,
  },
  altCodes: BCM_ALT_CODES,
  pull: BCM2711_PULL,
  compatible: ['brcm,bcm2711-gpio'],
};
