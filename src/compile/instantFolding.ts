/**
 * Instant folding (SPEC §1 "Instants"): the actions of one instant become the fewest
 * register operations, in the order that keeps pins glitch-free:
 *
 * 1. levels: per 32-pin bank at most one GPSETn and one GPCLRn write, each pin's
 *    final action winning;
 * 2. runtime toggles: one TOGGLE per bank for pins whose level the compiler does not know
 *    (they are never also set or cleared in the same instant, so order does not matter);
 * 3. function select: one read-modify-write per GPFSELn word, covering exactly the
 *    changed pins' fields — after the levels, so `set 7; out 7` never drives pin 7 low;
 * 4. pulls, the chip's way (see pullSequence.ts).
 */
import type { Chip } from '../chips/chip.js';
import type { Pull } from '../language/ast.js';
import type { Span } from '../language/span.js';
import type { IrAction } from './ir.js';
import { checkPin, type LoweringDiagnostics } from './lowerSafetyNet.js';
import { lowerPulls, type PinPull } from './pullSequence.js';

/** One register operation of an instant, with the span of the earliest action it realises. */
export type RegisterOp =
  | { readonly op: 'write'; readonly offset: number; readonly value: number; readonly span: Span }
  | { readonly op: 'rmw'; readonly offset: number; readonly clearMask: number; readonly setBits: number; readonly span: Span }
  | { readonly op: 'toggle'; readonly levelOffset: number; readonly setOffset: number; readonly clearOffset: number; readonly mask: number; readonly span: Span }
  | { readonly op: 'spin'; readonly ns: number; readonly span: Span };

/** What an instant leaves on one pin: a level, or (for a runtime toggle) an inversion. */
interface PinDrive {
  readonly effect: 0 | 1 | 'invert';
  readonly order: number;
  readonly span: Span;
}

interface PinMode {
  readonly code: number;
  readonly order: number;
  readonly span: Span;
}

/** Accumulates a mask over several pins, remembering the earliest contributing action. */
interface MaskGroup {
  mask: number;
  setBits: number;
  order: number;
  span: Span;
}

/**
 * Folds one instant's actions (in source order) into register ops. Actions on pins the
 * chip lacks, or naming an alternate function it lacks, are reported and skipped.
 */
export function foldInstant(actions: readonly IrAction[], chip: Chip, report: LoweringDiagnostics): RegisterOp[] {
  const drives = new Map<number, PinDrive>();
  const modes = new Map<number, PinMode>();
  const pulls = new Map<number, { pull: Pull; order: number; span: Span }>();
  actions.forEach((action, order) => {
    if (!checkPin(chip.layout, action.pin, action.span, report)) return;
    if (action.kind === 'drive') {
      const drive = driveAfter(drives.get(action.pin), action.level, order, action.span);
      if (drive) drives.set(action.pin, drive);
      else drives.delete(action.pin);
      return;
    }
    const code = functionCode(chip, action.fn, action.alt);
    if (code === undefined) {
      report.error('E_ALT_FUNCTION', action.span, `The chip has no alternate function ${action.alt ?? '(none given)'}.`,
        `It has alt 0–${chip.altCodes.length - 1}.`);
      return;
    }
    modes.set(action.pin, { code, order, span: action.span });
    if (action.fn === 'in' && action.pull) pulls.set(action.pin, { pull: action.pull, order, span: action.span });
  });
  const pinPulls: PinPull[] = [...pulls].sort(([a], [b]) => a - b).map(([pin, p]) => ({ pin, ...p }));
  return [
    ...levelWrites(drives, chip),
    ...runtimeToggles(drives, chip),
    ...functionSelects(modes, chip),
    ...(pinPulls.length > 0 ? lowerPulls(pinPulls, chip.pull, report) : []),
  ];
}

/**
 * The final effect on a pin after one more drive: a level replaces anything before it;
 * a toggle inverts an earlier level in the same instant; two runtime toggles cancel
 * (undefined: the instant leaves the pin alone).
 */
function driveAfter(before: PinDrive | undefined, level: 0 | 1 | 'toggle', order: number, span: Span): PinDrive | undefined {
  if (level !== 'toggle') return { effect: level, order, span };
  if (before === undefined) return { effect: 'invert', order, span };
  if (before.effect === 'invert') return undefined;
  return { effect: before.effect === 1 ? 0 : 1, order, span };
}

function functionCode(chip: Chip, fn: 'out' | 'in' | 'alt', alt: number | undefined): number | undefined {
  if (fn === 'out') return chip.layout.functionSelect.output;
  if (fn === 'in') return chip.layout.functionSelect.input;
  return alt === undefined ? undefined : chip.altCodes[alt];
}

function levelWrites(drives: ReadonlyMap<number, PinDrive>, chip: Chip): RegisterOp[] {
  const sets = new Map<number, MaskGroup>();
  const clears = new Map<number, MaskGroup>();
  for (const [pin, drive] of drives) {
    if (drive.effect === 'invert') continue;
    addToGroup(drive.effect === 1 ? sets : clears, Math.floor(pin / 32), bit(pin % 32), 0, drive);
  }
  const ops: RegisterOp[] = [];
  const banks = [...new Set([...sets.keys(), ...clears.keys()])].sort((a, b) => a - b);
  for (const bank of banks) {
    const set = sets.get(bank);
    const clear = clears.get(bank);
    if (set) ops.push({ op: 'write', offset: chip.layout.set[bank]!, value: set.mask, span: set.span });
    if (clear) ops.push({ op: 'write', offset: chip.layout.clear[bank]!, value: clear.mask, span: clear.span });
  }
  return ops;
}

function runtimeToggles(drives: ReadonlyMap<number, PinDrive>, chip: Chip): RegisterOp[] {
  const toggles = new Map<number, MaskGroup>();
  for (const [pin, drive] of drives) {
    if (drive.effect === 'invert') addToGroup(toggles, Math.floor(pin / 32), bit(pin % 32), 0, drive);
  }
  return [...toggles].sort(([a], [b]) => a - b).map(([bank, g]) => ({
    op: 'toggle',
    levelOffset: chip.layout.level[bank]!,
    setOffset: chip.layout.set[bank]!,
    clearOffset: chip.layout.clear[bank]!,
    mask: g.mask,
    span: g.span,
  }));
}

/** One RMW per function-select word: clear exactly the changed pins' fields, then set their codes. */
function functionSelects(modes: ReadonlyMap<number, PinMode>, chip: Chip): RegisterOp[] {
  const { base, pinsPerWord, bitsPerPin } = chip.layout.functionSelect;
  const fieldMask = (1 << bitsPerPin) - 1;
  const words = new Map<number, MaskGroup>();
  for (const [pin, mode] of modes) {
    const shift = (pin % pinsPerWord) * bitsPerPin;
    const offset = base + Math.floor(pin / pinsPerWord) * 4;
    addToGroup(words, offset, (fieldMask << shift) >>> 0, (mode.code << shift) >>> 0, mode);
  }
  return [...words].sort(([a], [b]) => a - b).map(([offset, g]) => (
    { op: 'rmw', offset, clearMask: g.mask, setBits: g.setBits, span: g.span }
  ));
}

function addToGroup(groups: Map<number, MaskGroup>, key: number, mask: number, setBits: number, from: { order: number; span: Span }): void {
  const group = groups.get(key);
  if (!group) {
    groups.set(key, { mask, setBits, order: from.order, span: from.span });
    return;
  }
  group.mask = (group.mask | mask) >>> 0;
  group.setBits = (group.setBits | setBits) >>> 0;
  if (from.order < group.order) {
    group.order = from.order;
    group.span = from.span;
  }
}

/** The bit of pin `index` within its bank, as an unsigned 32-bit value (bit 31 included). */
function bit(index: number): number {
  return (1 << index) >>> 0;
}
