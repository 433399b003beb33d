/**
 * The chips pinseq can compile for, by name.
 */
import { bcm2711 } from './bcm2711.js';
import { bcm2835 } from './bcm2835.js';
import type { Chip } from './chip.js';

/** The chip used when neither the script (`chip`), `--chip` nor a backend names one: the Pi 4's. */
export const DEFAULT_CHIP = 'bcm2711';

const chips: ReadonlyMap<string, Chip> = new Map<string, Chip>([
  [bcm2835.name, bcm2835],
  // The Pi 2 and 3 chips are register-compatible with the BCM2835; accept their names.
  ['bcm2836', { ...bcm2835, name: 'bcm2836' }],
  ['bcm2837', { ...bcm2835, name: 'bcm2837' }],
  [bcm2711.name, bcm2711],
]);

/** Looks a chip up by name (case-insensitive); undefined when pinseq has no register map for it. */
export function getChip(name: string): Chip | undefined {
  return chips.get(name.toLowerCase());
}

/** Names of every known chip, for messages and `--help`. */
export function chipNames(): string[] {
  return [...chips.keys()];
}
