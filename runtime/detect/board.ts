/**
 * Which board and SoC this machine is, from the device tree (`/proc/device-tree/model`
 * and `compatible`) with `/proc/cpuinfo` as the fallback. Every path is read under a
 * root directory, so tests describe a machine with a fixture tree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendError } from '../backends/backend.js';
import { physicalAddressOf, readSocRanges, type SocRange } from './socRanges.js';

/** What pinseq knows about the machine. Every field may be missing on a machine that is not a known board. */
export interface BoardInfo {
  /** `/proc/device-tree/model`, e.g. "Raspberry Pi 4 Model B Rev 1.4". */
  readonly model?: string | undefined;
  /** The SoC, as a chip name where pinseq uses one: bcm2835, bcm2836, bcm2837, bcm2711, bcm2712, am335x. */
  readonly chip?: string | undefined;
  /** The root node's `compatible` strings, most specific first. */
  readonly compatible: readonly string[];
  /** The Raspberry Pi revision code from /proc/cpuinfo, e.g. "c03114". */
  readonly revision?: string | undefined;
  /** `/proc/device-tree/soc/ranges`, parsed. */
  readonly socRanges?: readonly SocRange[] | undefined;
  /** The GPIO block's physical address according to those ranges. */
  readonly gpioPhysicalBase?: number | undefined;
}

// Device-tree compatible strings of the SoCs, most specific first (a Pi 3 lists only brcm,bcm2837).
const SOC_COMPATIBLE: readonly (readonly [string, string])[] = [
  ['brcm,bcm2712', 'bcm2712'],
  ['brcm,bcm2711', 'bcm2711'],
  ['brcm,bcm2837', 'bcm2837'],
  ['brcm,bcm2836', 'bcm2836'],
  ['brcm,bcm2835', 'bcm2835'],
  ['ti,am33xx', 'am335x'],
];

// Processor field of a new-style revision code, (rev >> 12) & 0xF (Raspberry Pi revision-codes documentation).
const REVISION_PROCESSORS = ['bcm2835', 'bcm2836', 'bcm2837', 'bcm2711', 'bcm2712'];

/** Reads what the machine under `root` says about itself. Never throws. */
export function detectBoard(root = '/'): BoardInfo {
  const tree = join(root, 'proc/device-tree');
  const compatible = splitNul(readText(join(tree, 'compatible')));
  const cpuinfo = readText(join(root, 'proc/cpuinfo')) ?? '';
  // Case-sensitive: the Pi writes `Model`/`Revision`/`Hardware`; x86 has an unrelated lowercase `model : 17`.
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1]?.trim();
  const revision = field('Revision');
  const socRanges = readSocRanges(root);
  return {
    model: splitNul(readText(join(tree, 'model')))[0] ?? field('Model'),
    chip: chipFromCompatible(compatible) ?? chipFromRevision(revision) ?? chipFromHardware(field('Hardware')),
    compatible,
    revision,
    socRanges,
    gpioPhysicalBase: socRanges === undefined ? undefined : physicalAddressOf(socRanges),
  };
}

/** The SoC named by device-tree compatible strings, or undefined. */
export function chipFromCompatible(compatible: readonly string[]): string | undefined {
  for (const [string, chip] of SOC_COMPATIBLE) if (compatible.includes(string)) return chip;
  return undefined;
}

/** The SoC of a new-style Raspberry Pi revision code (bit 23 set), or undefined. */
export function chipFromRevision(revision: string | undefined): string | undefined {
  if (revision === undefined || !/^[0-9a-f]+$/i.test(revision)) return undefined;
  const code = Number.parseInt(revision, 16);
  if ((code & (1 << 23)) === 0) return 'bcm2835'; // Old-style codes are all Pi 1 boards.
  return REVISION_PROCESSORS[(code >>> 12) & 0xf];
}

function chipFromHardware(hardware: string | undefined): string | undefined {
  return hardware !== undefined && /^BCM\d{4}$/i.test(hardware) ? hardware.toLowerCase() : undefined;
}

/**
 * The register family a chip name belongs to: chips in one family share a register map
 * (BCM2835/6/7 are one; the BCM2711 moved the pulls; the BCM2712's header GPIOs are on RP1).
 */
export function registerFamily(chip: string): string {
  if (chip === 'bcm2835' || chip === 'bcm2836' || chip === 'bcm2837') return 'bcm2835';
  if (chip === 'bcm2712' || chip === 'rp1') return 'rp1';
  return chip;
}

/**
 * Refuses to map registers for a program compiled for another register family than the
 * board's (its pull writes would land on other registers). Undefined when they match or
 * the board's chip is unknown.
 */
export function boardMismatch(board: BoardInfo, programChip: string, backendName: string): BackendError | undefined {
  if (board.chip === undefined || registerFamily(board.chip) === registerFamily(programChip)) return undefined;
  return new BackendError(
    'E_UNSUPPORTED',
    backendName,
    `the program was compiled for ${programChip}, but this board is a ${board.chip}${board.model ? ` (${board.model})` : ''}`,
    `compile for this board: \`chip ${board.chip}\` in the script or --chip ${board.chip}`,
  );
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Device-tree strings are NUL-terminated; a list is several of them back to back. */
function splitNul(text: string | undefined): string[] {
  return text === undefined ? [] : text.split('\0').map((s) => s.trim()).filter((s) => s.length > 0);
}
