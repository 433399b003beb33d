/**
 * The Raspberry Pi 40-pin header (J8): physical pin → SoC GPIO, the same on every
 * 40-pin model from the Pi 1 B+ to the Pi 5. Used for `BOARDn` and `J8:n` pin names.
 */

/** What sits on a physical header pin: a GPIO number, or power/ground by name. */
export type HeaderPin = number | '3V3' | '5V' | 'GND';

/** Index = physical pin number (1–40); index 0 unused. */
const J8: readonly HeaderPin[] = [
  'GND', // 0: unused
  '3V3', '5V', 2, '5V', 3, 'GND', 4, 14, 'GND', 15,
  17, 18, 27, 'GND', 22, 23, '3V3', 24, 10, 'GND',
  9, 25, 11, 8, 'GND', 7, 0, 1, 5, 'GND',
  6, 12, 13, 'GND', 19, 16, 26, 20, 'GND', 21,
];

/** Number of pins on the header. */
export const HEADER_PINS = 40;

/**
 * What physical header pin `n` carries: a GPIO number, a power or ground name, or
 * undefined when `n` is not a header pin at all.
 */
export function headerPin(n: number): HeaderPin | undefined {
  if (!Number.isInteger(n) || n < 1 || n > HEADER_PINS) return undefined;
  return J8[n];
}
