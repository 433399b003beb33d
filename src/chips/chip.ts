/**
 * What the compiler knows about a chip: its pins, its alternate functions, how pulls
 * are applied, and the register layout the runtime gets inside every program.
 * Register maps are data, one file per chip; this file only defines their shape.
 */
import type { RegisterLayout } from '../../runtime/program/program.js';

/** How a chip sets pull-up/down resistors. */
export type PullMethod =
  /** BCM2835/6/7: write GPPUD, wait, clock it into GPPUDCLKn, wait, clear both (BCM2835 ARM Peripherals §6.1, p.101). */
  | { readonly kind: 'gppud-clock'; readonly gppud: number; readonly gppudclk: readonly number[]; readonly settleNs: number; readonly codes: { readonly none: number; readonly down: number; readonly up: number } }
  /** BCM2711: 2 bits per pin in GPIO_PUP_PDN_CNTRL_REGn (BCM2711 ARM Peripherals §5.2, p.84). */
  | { readonly kind: 'pup-pdn'; readonly base: number; readonly pinsPerWord: number; readonly bitsPerPin: number; readonly codes: { readonly none: number; readonly down: number; readonly up: number } };

/** A chip pinseq can compile for. */
export interface Chip {
  /** The name used by `chip NAME` and `--chip`. */
  readonly name: string;
  /** One line for `--help` and `doctor`: which boards carry it. */
  readonly description: string;
  readonly layout: RegisterLayout;
  /** Function-select field value of ALT0 … ALTn, indexed by n. */
  readonly altCodes: readonly number[];
  readonly pull: PullMethod;
  /** Device tree `compatible` strings of the GPIO node, for detection. */
  readonly compatible: readonly string[];
}
