/**
 * Finding the physical address of the BCM GPIO block from the device tree, the way the
 * bcm2835 library and rpio do: `/proc/device-tree/soc/ranges` maps the SoC's bus
 * addresses (peripherals at bus 0x7E000000, BCM2835 ARM Peripherals §1.2.3) to ARM
 * physical addresses. On a Pi 3 it reads `7e000000 3f000000 01000000`; on a Pi 4, whose
 * root node has two address cells, `7e000000 00000000 fe000000 01800000`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bus address of the GPIO block (BCM2835 ARM Peripherals §6.1: GPFSEL0 at 0x7E200000; same on BCM2711 §5.2). */
export const GPIO_BUS_ADDRESS = 0x7e200000;

/** One entry of a `ranges` property: `size` bytes from bus address `child` appear at physical `parent`. */
export interface SocRange {
  readonly child: number;
  readonly parent: number;
  readonly size: number;
}

/**
 * Parses a `ranges` property (big-endian 32-bit cells). `parentCells` is the parent
 * node's `#address-cells`; when unknown it is guessed like rpio does: 2 when the cell
 * after the first bus address is 0 and the length fits 4-cell entries, else 1. The child
 * address and size are one cell each (the soc node's `#address-cells`/`#size-cells` on
 * every Pi). Returns [] for bytes that do not divide into entries.
 */
export function parseSocRanges(bytes: Uint8Array, parentCells?: number): SocRange[] {
  const cells = Math.floor(bytes.length / 4);
  const cell = (i: number): number => ((bytes[i * 4]! << 24) | (bytes[i * 4 + 1]! << 16) | (bytes[i * 4 + 2]! << 8) | bytes[i * 4 + 3]!) >>> 0;
  const parent = parentCells ?? (cells >= 4 && cells % 4 === 0 && cell(1) === 0 ? 2 : 1);
  const entry = 1 + parent + 1;
  if (cells === 0 || bytes.length % 4 !== 0 || cells % entry !== 0 || parent < 1 || parent > 2) return [];
  const ranges: SocRange[] = [];
  for (let at = 0; at < cells; at += entry) {
    const parentAddress = parent === 2 ? cell(at + 1) * 2 ** 32 + cell(at + 2) : cell(at + 1);
    ranges.push({ child: cell(at), parent: parentAddress, size: cell(at + entry - 1) });
  }
  return ranges;
}

/** The physical address of bus address `busAddress` through `ranges`, or undefined when no entry covers it. */
export function physicalAddressOf(ranges: readonly SocRange[], busAddress: number = GPIO_BUS_ADDRESS): number | undefined {
  const range = ranges.find((r) => busAddress >= r.child && busAddress < r.child + r.size);
  return range === undefined ? undefined : range.parent + (busAddress - range.child);
}

/**
 * Reads the GPIO block's physical address from the device tree under `root` (`/` on a
 * real machine), or undefined when the tree does not say.
 */
export function readGpioPhysicalBase(root = '/'): number | undefined {
  const ranges = readSocRanges(root);
  return ranges === undefined ? undefined : physicalAddressOf(ranges);
}

/** The parsed `soc/ranges` under `root`, or undefined when there is none. */
export function readSocRanges(root = '/'): SocRange[] | undefined {
  const tree = join(root, 'proc/device-tree');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(tree, 'soc/ranges'));
  } catch {
    return undefined;
  }
  let parentCells: number | undefined;
  try {
    const cells = readFileSync(join(tree, '#address-cells'));
    if (cells.length === 4) parentCells = cells.readUInt32BE(0);
  } catch {
    // Absent: parseSocRanges guesses.
  }
  return parseSocRanges(bytes, parentCells);
}
