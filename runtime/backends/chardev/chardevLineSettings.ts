/**
 * What a program does to line settings that a line-based backend (chardev) must know
 * before it runs: the pull each pin gets, and whether it selects an alternate function.
 *
 * A register window learns pulls from the stores themselves, but the BCM2835 pull
 * sequence (GPPUD, then GPPUDCLKn, then both back to 0) is over before the instant's
 * COMMIT, so a line backend reads it from the program's code instead.
 */
import { Op, OP_LENGTH, type LayoutPull, type Program } from '../../program/program.js';
import { LineFlag } from './chardevEncoding.js';

/** The bias line flag for a pull field value: PULL_UP, PULL_DOWN, BIAS_DISABLED, or 0 for an unknown code. */
export function biasFlagOfPullCode(pull: LayoutPull, code: number): number {
  if (code === pull.codes.up) return LineFlag.BIAS_PULL_UP;
  if (code === pull.codes.down) return LineFlag.BIAS_PULL_DOWN;
  if (code === pull.codes.none) return LineFlag.BIAS_DISABLED;
  return 0;
}

/**
 * Records in `biasOfPin` the bias of each pin whose field a `pup-pdn` pull word store
 * covers: `mask` says which bits of `word` were written. Returns true when any pin's
 * bias changed. Allocates nothing (the chardev flush calls it).
 */
export function applyPullWord(pull: LayoutPull & { kind: 'pup-pdn' }, offset: number, mask: number, word: number, biasOfPin: Uint32Array): boolean {
  const wordIndex = (offset - pull.base) >>> 2;
  const fieldMask = (1 << pull.bitsPerPin) - 1;
  let changed = false;
  for (let field = 0; field < pull.pinsPerWord; field++) {
    const shift = field * pull.bitsPerPin;
    if (((mask >>> shift) & fieldMask) === 0) continue;
    const pin = wordIndex * pull.pinsPerWord + field;
    if (pin >= biasOfPin.length) continue;
    const flag = biasFlagOfPullCode(pull, (word >>> shift) & fieldMask);
    if (biasOfPin[pin] !== flag) {
      biasOfPin[pin] = flag;
      changed = true;
    }
  }
  return changed;
}

/**
 * The first pull the program (main part, then exit block) sets on each pin, as bias line
 * flags indexed by pin (0 where the program sets no pull). Returns all zeros when the
 * layout does not describe its pulls.
 */
export function scanFirstPulls(program: Program): Uint32Array {
  const bias = new Uint32Array(program.layout.gpioCount);
  const pull = program.layout.pull;
  if (!pull) return bias;
  const seen = new Uint32Array(program.layout.gpioCount);
  let gppudCode = pull.codes.none;
  forEachStore(program, (offset, mask, value) => {
    if (pull.kind === 'pup-pdn') {
      const words = Math.ceil(program.layout.gpioCount / pull.pinsPerWord);
      if (offset < pull.base || offset >= pull.base + words * 4) return;
      const fieldMask = (1 << pull.bitsPerPin) - 1;
      for (let field = 0; field < pull.pinsPerWord; field++) {
        const shift = field * pull.bitsPerPin;
        const pin = ((offset - pull.base) >>> 2) * pull.pinsPerWord + field;
        if (pin >= bias.length || ((mask >>> shift) & fieldMask) === 0 || seen[pin]) continue;
        seen[pin] = 1;
        bias[pin] = biasFlagOfPullCode(pull, (value >>> shift) & fieldMask);
      }
      return;
    }
    if (offset === pull.gppud) {
      gppudCode = value & mask;
      return;
    }
    const bank = pull.gppudclk.indexOf(offset);
    if (bank < 0) return;
    const clocked = value & mask;
    for (let bit = 0; bit < 32; bit++) {
      const pin = bank * 32 + bit;
      if ((clocked & (1 << bit)) === 0 || pin >= bias.length || seen[pin]) continue;
      seen[pin] = 1;
      bias[pin] = biasFlagOfPullCode(pull, gppudCode);
    }
  });
  return bias;
}

/**
 * The first pin the program puts into a function other than input or output (an ALTn
 * function), or -1. Line-based backends cannot select alternate functions.
 */
export function findAlternateFunctionPin(program: Program): number {
  const fsel = program.layout.functionSelect;
  const words = Math.ceil(program.layout.gpioCount / fsel.pinsPerWord);
  const fieldMask = (1 << fsel.bitsPerPin) - 1;
  let found = -1;
  forEachStore(program, (offset, mask, value) => {
    if (found >= 0 || offset < fsel.base || offset >= fsel.base + words * 4) return;
    for (let field = 0; field < fsel.pinsPerWord; field++) {
      const shift = field * fsel.bitsPerPin;
      if (((mask >>> shift) & fieldMask) === 0) continue;
      const code = (value >>> shift) & fieldMask;
      if (code !== fsel.input && code !== fsel.output) {
        found = ((offset - fsel.base) >>> 2) * fsel.pinsPerWord + field;
        return;
      }
    }
  });
  return found;
}

/** Calls `visit(offset, writtenMask, value)` for every WRITE and RMW in program order. */
function forEachStore(program: Program, visit: (offset: number, mask: number, value: number) => void): void {
  const code = program.code;
  for (let pc = 0; pc < code.length; ) {
    const op = code[pc]!;
    if (op === Op.WRITE) visit(code[pc + 1]!, 0xffffffff, code[pc + 2]! >>> 0);
    else if (op === Op.RMW) visit(code[pc + 1]!, code[pc + 2]! >>> 0, code[pc + 3]! >>> 0);
    const length = OP_LENGTH[op];
    // A malformed program is the validator's business; never loop forever here.
    if (length === undefined) return;
    pc += length;
  }
}
