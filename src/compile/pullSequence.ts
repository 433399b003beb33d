/**
 * Pull-up/down lowering for each way a chip applies pulls: the BCM2711's per-pin fields
 * (one read-modify-write per register word) and the BCM2835's clocked GPPUD sequence.
 */
import type { Pull } from '../language/ast.js';
import type { Span } from '../language/span.js';
import type { PullMethod } from '../chips/chip.js';
import type { RegisterOp } from './instantFolding.js';
import type { LoweringDiagnostics } from './lowerSafetyNet.js';

/** The pull one instant leaves on a pin, with the action that asked for it. */
export interface PinPull {
  readonly pin: number;
  readonly pull: Pull;
  /** Position of the deciding action in the instant, so ops take the earliest action's span. */
  readonly order: number;
  readonly span: Span;
}

/** Lowers the pulls of one instant (pins ascending) into register ops for `method`. */
export function lowerPulls(pulls: readonly PinPull[], method: PullMethod, report: LoweringDiagnostics): RegisterOp[] {
  return method.kind === 'pup-pdn' ? lowerPupPdn(pulls, method) : lowerGppudClock(pulls, method, report);
}

/** BCM2711 (§5.2 p.84): one RMW per GPIO_PUP_PDN_CNTRL_REGn touching exactly the pins' 2-bit fields. */
function lowerPupPdn(pulls: readonly PinPull[], method: Extract<PullMethod, { kind: 'pup-pdn' }>): RegisterOp[] {
  const fieldMask = (1 << method.bitsPerPin) - 1;
  const words = new Map<number, { clearMask: number; setBits: number; first: PinPull }>();
  for (const p of pulls) {
    const offset = method.base + Math.floor(p.pin / method.pinsPerWord) * 4;
    const shift = (p.pin % method.pinsPerWord) * method.bitsPerPin;
    const word = words.get(offset) ?? { clearMask: 0, setBits: 0, first: p };
    word.clearMask = (word.clearMask | (fieldMask << shift)) >>> 0;
    word.setBits = (word.setBits | (method.codes[p.pull] << shift)) >>> 0;
    if (p.order < word.first.order) word.first = p;
    words.set(offset, word);
  }
  return [...words].sort(([a], [b]) => a - b).map(([offset, w]) => (
    { op: 'rmw', offset, clearMask: w.clearMask, setBits: w.setBits, span: w.first.span }
  ));
}

/**
 * BCM2835 (§6.1 p.101): for each pull code in use, write it to GPPUD, let it settle,
 * clock it into the pins through GPPUDCLKn, let that settle, then remove the control
 * signal and the clock. Pins wanting different pulls need separate sequences.
 */
function lowerGppudClock(pulls: readonly PinPull[], method: Extract<PullMethod, { kind: 'gppud-clock' }>, report: LoweringDiagnostics): RegisterOp[] {
  const groups = new Map<Pull, PinPull[]>();
  for (const p of [...pulls].sort((a, b) => a.order - b.order)) {
    if (method.gppudclk[Math.floor(p.pin / 32)] === undefined) {
      report.error('E_PULL_UNSUPPORTED', p.span, `The chip has no pull clock register for GPIO ${p.pin}.`);
      continue;
    }
    const group = groups.get(p.pull) ?? [];
    group.push(p);
    groups.set(p.pull, group);
  }
  const ops: RegisterOp[] = [];
  for (const [pull, group] of groups) {
    const span = group[0]!.span;
    const clocks = new Map<number, number>();
    for (const p of group) {
      const offset = method.gppudclk[Math.floor(p.pin / 32)]!;
      clocks.set(offset, ((clocks.get(offset) ?? 0) | (1 << (p.pin % 32))) >>> 0);
    }
    const banks = [...clocks].sort(([a], [b]) => a - b);
    ops.push({ op: 'write', offset: method.gppud, value: method.codes[pull], span });
    ops.push({ op: 'spin', ns: method.settleNs, span });
    for (const [offset, bits] of banks) ops.push({ op: 'write', offset, value: bits, span });
    ops.push({ op: 'spin', ns: method.settleNs, span });
    ops.push({ op: 'write', offset: method.gppud, value: method.codes.none, span });
    for (const [offset] of banks) ops.push({ op: 'write', offset, value: 0, span });
  }
  return ops;
}
