/**
 * A running chardev session: an ordinary register buffer in the chip's layout whose
 * stores are realised, once per instant, as line-request ioctls.
 *
 * Ownership: the session owns the line-request fd from construction to `close()`. While
 * it is open no other program can request those lines. After `close()` the kernel owns
 * them again and may put outputs back to their default state (many drivers leave them as
 * they are; the Pi 5 keeps them only with `persist_gpio_outputs`).
 */
import { BackendError, type BackendSession } from '../backend.js';
import type { IoctlCaller } from '../../ffi/ioctl.js';
import type { LayoutPull, Program } from '../../program/program.js';
import {
  createConfigScratch,
  encodeLineConfig,
  GPIO_V2_LINE_GET_VALUES_IOCTL,
  GPIO_V2_LINE_SET_CONFIG_IOCTL,
  GPIO_V2_LINE_SET_VALUES_IOCTL,
  LINE_CONFIG_SIZE,
  LINE_VALUES_SIZE,
  LineFlag,
  valuesBitsHi,
  valuesBitsLo,
  writeLineValues,
  type ConfigScratch,
} from './chardevEncoding.js';
import { chardevIoctlError } from './chardevErrors.js';
import { applyPullWord } from './chardevLineSettings.js';
import { pinsOfRequest, requestHi, requestLo, type LineMap } from './chardevLineMap.js';
import { ShadowRegisters, wordsChanged } from '../shadowRegisters.js';

/** What `open` learned and requested, handed to the session. */
export interface ChardevRequest {
  readonly path: string;
  readonly ioctl: IoctlCaller;
  readonly closeFd: (fd: number) => void;
  /** The line-request fd; the session now owns it. */
  readonly fd: number;
  readonly map: LineMap;
  /** Per request line: 1 when the line was an output before the run. */
  readonly wasOutput: Uint8Array;
  /** Per pin: the bias line flag applied when the pin is an input (0 = leave as is). */
  readonly biasOfPin: Uint32Array;
}

// Which ioctl failed first, for the failure report (numbers: recording must not allocate).
const FAILED_SET_VALUES = 1;
const FAILED_SET_CONFIG = 2;
const FAILED_GET_VALUES = 3;
const FAILED_CLOSE = 4;
const FAILURE_WHAT = ['', 'setting line values', 'reconfiguring lines', 'reading line values', 'releasing the lines'];

/** The BackendSession of the chardev backend. Construct through `chardevBackend(spec).open(program)`. */
export class ChardevSession implements BackendSession {
  readonly name = 'chardev';
  readonly regs: Uint32Array;
  private readonly shadow: ShadowRegisters;
  private readonly req: ChardevRequest;
  private readonly fselWords: Int32Array;
  private readonly lastFsel: Uint32Array;
  private readonly pull: (LayoutPull & { kind: 'pup-pdn' }) | undefined;
  private readonly pullWords: Int32Array;
  private readonly lastPull: Uint32Array;
  /** Per bank, the bits the instant's SET/CLEAR stores touched. */
  private readonly touched: Uint32Array;
  private outLo = 0;
  private outHi = 0;
  private readonly lineFlags = new Uint32Array(64);
  private readonly values = Buffer.alloc(LINE_VALUES_SIZE);
  private readonly config = Buffer.alloc(LINE_CONFIG_SIZE);
  private readonly scratch: ConfigScratch = createConfigScratch();
  private failedOp = 0;
  private failedErrno = 0;
  private failureError: BackendError | undefined;
  private closed = false;

  /** Takes ownership of `req.fd`; reads the lines' levels (throws BackendError, after releasing the fd, when it cannot). */
  constructor(program: Program, req: ChardevRequest) {
    const layout = program.layout;
    const shadow = new ShadowRegisters(layout);
    this.shadow = shadow;
    this.req = req;
    this.regs = shadow.regs;
    this.touched = new Uint32Array(shadow.banks);

    const map = req.map;
    const fselWordSet = new Set<number>();
    for (let line = 0; line < map.count; line++) {
      const pin = map.pinOfLine[line]!;
      fselWordSet.add(shadow.fselWord(pin));
      shadow.setFselField(pin, req.wasOutput[line] ? shadow.fselOutput : shadow.fselInput);
      this.lineFlags[line] = req.wasOutput[line] ? LineFlag.OUTPUT : LineFlag.INPUT | req.biasOfPin[pin]!;
    }
    this.fselWords = Int32Array.from(fselWordSet);
    this.lastFsel = Uint32Array.from(this.fselWords, (w) => this.regs[w]!);
    this.pull = layout.pull?.kind === 'pup-pdn' ? layout.pull : undefined;
    const pullWordCount = this.pull ? Math.ceil(layout.gpioCount / this.pull.pinsPerWord) : 0;
    this.pullWords = Int32Array.from({ length: pullWordCount }, (_, k) => (this.pull!.base >>> 2) + k);
    this.lastPull = new Uint32Array(pullWordCount);
    this.updateOutputs();

    this.refresh();
    if (this.failedOp !== 0) {
      const error = this.failure();
      this.release();
      throw error;
    }
    // Outputs keep driving what they drive now; inputs latch 0 until the script sets them.
    shadow.latchCurrentOutputs();
  }

  /** Realises the instant's SET/CLEAR stores and function-select or pull changes. */
  readonly flush = (_nowNs: number): void => {
    this.commit();
  };

  /** Reads every requested line's level into the level words. */
  readonly refresh = (_nowNs?: number): void => {
    const map = this.req.map;
    const allLo = map.count >= 32 ? 0xffffffff : (1 << map.count) - 1;
    const allHi = map.count > 32 ? (map.count >= 64 ? 0xffffffff : (1 << (map.count - 32)) - 1) : 0;
    writeLineValues(this.values, 0, 0, allLo, allHi);
    if (this.req.ioctl.call(this.req.fd, GPIO_V2_LINE_GET_VALUES_IOCTL, this.values) < 0) {
      this.recordFailure(FAILED_GET_VALUES);
      return;
    }
    const lo = valuesBitsLo(this.values);
    const hi = valuesBitsHi(this.values);
    const levelIdx = this.shadow.levelIdx;
    for (let bank = 0; bank < levelIdx.length; bank++) {
      const at = levelIdx[bank]!;
      this.regs[at] = (this.regs[at]! & ~map.requestedPins[bank]!) | pinsOfRequest(map, bank, lo, hi);
    }
  };

  /** The first ioctl failure seen since open, as a BackendError. */
  readonly failure = (): BackendError | undefined => {
    if (this.failedOp === 0) return undefined;
    this.failureError ??= chardevIoctlError(this.req.path, FAILURE_WHAT[this.failedOp]!, this.failedErrno);
    return this.failureError;
  };

  /** Applies any last function-select change (the exit restore), then releases the lines. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.commit();
    this.release();
  }

  private release(): void {
    this.closed = true;
    try {
      this.req.closeFd(this.req.fd);
    } catch {
      this.recordFailure(FAILED_CLOSE);
    }
  }

  private commit(): void {
    const map = this.req.map;
    const touched = this.touched;
    const latch = this.shadow.latch;
    // SET and CLEAR read as 0 on hardware; the clear wins should one instant hold both.
    this.shadow.latchStores(touched);
    let changedLo = 0;
    let changedHi = 0;
    let latchLo = 0;
    let latchHi = 0;
    for (let bank = 0; bank < latch.length; bank++) {
      changedLo |= requestLo(map, bank, touched[bank]!);
      changedHi |= requestHi(map, bank, touched[bank]!);
      latchLo |= requestLo(map, bank, latch[bank]!);
      latchHi |= requestHi(map, bank, latch[bank]!);
    }
    // Levels before modes: lines that already are outputs take their new level first.
    const maskLo = changedLo & this.outLo;
    const maskHi = changedHi & this.outHi;
    if ((maskLo | maskHi) !== 0) {
      writeLineValues(this.values, latchLo & maskLo, latchHi & maskHi, maskLo, maskHi);
      if (this.req.ioctl.call(this.req.fd, GPIO_V2_LINE_SET_VALUES_IOCTL, this.values) < 0) this.recordFailure(FAILED_SET_VALUES);
    }
    if (this.modesChanged()) {
      this.updateLineFlags();
      // The config's OUTPUT_VALUES brings a line that becomes an output up at its latched level.
      if (encodeLineConfig(this.config, 0, this.lineFlags, map.count, latchLo, latchHi, this.scratch) >= 0) {
        if (this.req.ioctl.call(this.req.fd, GPIO_V2_LINE_SET_CONFIG_IOCTL, this.config) < 0) this.recordFailure(FAILED_SET_CONFIG);
      }
      this.updateOutputs();
    }
    this.shadow.mirrorOutputs();
  }

  /** True when a function-select word of a requested pin, or a pin's pull, changed since the last look. */
  private modesChanged(): boolean {
    let changed = wordsChanged(this.regs, this.fselWords, this.lastFsel);
    if (this.pull) {
      for (let k = 0; k < this.pullWords.length; k++) {
        const word = this.regs[this.pullWords[k]!]!;
        const diff = (word ^ this.lastPull[k]!) >>> 0;
        if (diff === 0) continue;
        this.lastPull[k] = word;
        if (applyPullWord(this.pull, this.pullWords[k]! << 2, diff, word, this.req.biasOfPin)) changed = true;
      }
    }
    return changed;
  }

  /** Line flags from the function-select fields: output, or input with the pin's bias. */
  private updateLineFlags(): void {
    const map = this.req.map;
    for (let line = 0; line < map.count; line++) {
      const pin = map.pinOfLine[line]!;
      const code = this.shadow.fselField(pin);
      this.lineFlags[line] = code === this.shadow.fselOutput ? LineFlag.OUTPUT : code === this.shadow.fselInput ? LineFlag.INPUT | this.req.biasOfPin[pin]! : 0;
    }
  }

  /** Recomputes the output masks (request and register space) from the line flags. */
  private updateOutputs(): void {
    const map = this.req.map;
    this.outLo = 0;
    this.outHi = 0;
    const outPins = this.shadow.outPins;
    outPins.fill(0);
    for (let line = 0; line < map.count; line++) {
      if ((this.lineFlags[line]! & LineFlag.OUTPUT) === 0) continue;
      if (line < 32) this.outLo |= 1 << line;
      else this.outHi |= 1 << (line - 32);
      const pin = map.pinOfLine[line]!;
      outPins[pin >>> 5]! |= 1 << (pin & 31);
    }
  }

  private recordFailure(op: number): void {
    if (this.failedOp !== 0) return;
    this.failedOp = op;
    this.failedErrno = op === FAILED_CLOSE ? 0 : this.req.ioctl.errno();
  }
}
