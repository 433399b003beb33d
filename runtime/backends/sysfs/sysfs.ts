/**
 * The `sysfs` backend: the legacy `/sys/class/gpio` files, for kernels without the GPIO
 * character device. Every level change is a `write(2)` to a pin's `value` file, so this
 * is the slow path (tens of µs per pin change); prefer chardev or gpiomem.
 *
 * `open` exports every pin of the program that is not exported yet and keeps each pin's
 * `value` and `direction` files open. `flush` writes the value files of outputs whose
 * level changed, then the direction files of pins whose function-select field changed
 * (`high`/`low` make an output glitch-free at its latched level). `refresh` reads the
 * inputs' value files. `close` applies any last change (the exit restore), closes the
 * files, and unexports the pins it exported. `active_low` is left alone (assumed 0).
 */
import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BackendError, type Backend, type BackendSession, type BackendSpec } from '../backend.js';
import type { Program } from '../../program/program.js';
import { ShadowRegisters, wordsChanged } from '../shadowRegisters.js';
import { exportPin, findSysfsBase, readIsOutput, sysfsError, unexportPin } from './sysfsFiles.js';

/** Where the kernel's sysfs GPIO interface lives. */
export const SYSFS_GPIO_ROOT = '/sys/class/gpio';

/** Tuning for {@link sysfsBackend}. */
export interface SysfsOptions {
  /** How long to wait for an exported pin's files to become usable (default 2000 ms). */
  readonly exportTimeoutMs?: number;
}

/** The sysfs backend rooted at `spec.root` (default /sys/class/gpio; a fake tree in tests). */
export function sysfsBackend(spec: Extract<BackendSpec, { kind: 'sysfs' }>, options: SysfsOptions = {}): Backend {
  const root = spec.root ?? SYSFS_GPIO_ROOT;
  return {
    name: 'sysfs',
    open(program: Program): BackendSession {
      if (!existsSync(join(root, 'export'))) {
        throw new BackendError('E_NOT_FOUND', 'sysfs', `${root}/export does not exist: this kernel has no sysfs GPIO interface`, 'use --backend chardev (sysfs GPIO was removed from many kernels)');
      }
      const base = findSysfsBase(root, program.layout.gpioCount);
      const pins = new SysfsPins(root, base, program.layout.gpioCount);
      try {
        for (const pin of program.pins) pins.add(pin, options.exportTimeoutMs ?? 2000);
      } catch (error) {
        pins.release();
        throw error;
      }
      return new SysfsSession(program, pins);
    },
  };
}

/** The open files of the exported pins. */
class SysfsPins {
  readonly list: number[] = [];
  readonly valueFd: Int32Array;
  readonly directionFd: Int32Array;
  readonly wasOutput: Uint8Array;
  private readonly exported: number[] = [];

  constructor(
    readonly root: string,
    readonly base: number,
    gpioCount: number,
  ) {
    this.valueFd = new Int32Array(gpioCount).fill(-1);
    this.directionFd = new Int32Array(gpioCount).fill(-1);
    this.wasOutput = new Uint8Array(gpioCount);
  }

  add(pin: number, timeoutMs: number): void {
    const number = this.base + pin;
    const { fd, exported } = exportPin(this.root, number, timeoutMs);
    this.valueFd[pin] = fd;
    this.list.push(pin);
    if (exported) this.exported.push(number);
    this.wasOutput[pin] = readIsOutput(this.root, number) ? 1 : 0;
    try {
      this.directionFd[pin] = openSync(join(this.root, `gpio${number}`, 'direction'), 'r+');
    } catch (error) {
      throw sysfsError(`opening gpio${number}/direction`, error);
    }
  }

  /** Closes every file and unexports what this run exported. Returns the first error met. */
  release(): unknown {
    let failure: unknown;
    for (const pin of this.list) {
      for (const fd of [this.valueFd[pin]!, this.directionFd[pin]!]) {
        if (fd < 0) continue;
        try {
          closeSync(fd);
        } catch (error) {
          failure ??= error;
        }
      }
      this.valueFd[pin] = -1;
      this.directionFd[pin] = -1;
    }
    for (const number of this.exported) if (!unexportPin(this.root, number)) failure ??= new Error(`could not unexport GPIO ${number}`);
    this.exported.length = 0;
    return failure;
  }
}

// What a value or direction file is given; preallocated so flush allocates no buffers.
const ZERO = Buffer.from('0');
const ONE = Buffer.from('1');
const HIGH = Buffer.from('high');
const LOW = Buffer.from('low');
const IN = Buffer.from('in');

/** The BackendSession of the sysfs backend. */
class SysfsSession implements BackendSession {
  readonly name = 'sysfs';
  readonly regs: Uint32Array;
  private readonly shadow: ShadowRegisters;
  private readonly pins: SysfsPins;
  private readonly pinList: Int32Array;
  private readonly fselWords: Int32Array;
  private readonly lastFsel: Uint32Array;
  /** The level last written to each output's value file, register space. */
  private readonly written: Uint32Array;
  private readonly readBuf = Buffer.alloc(1);
  private failureError: BackendError | undefined;
  private failureCause: unknown;
  private failureWhat = '';
  private closed = false;

  constructor(program: Program, pins: SysfsPins) {
    const layout = program.layout;
    const shadow = new ShadowRegisters(layout);
    this.shadow = shadow;
    this.regs = shadow.regs;
    this.pins = pins;
    this.pinList = Int32Array.from(pins.list);
    this.written = new Uint32Array(shadow.banks);
    for (const pin of pins.list) {
      shadow.setFselField(pin, pins.wasOutput[pin] ? shadow.fselOutput : shadow.fselInput);
      if (pins.wasOutput[pin]) shadow.outPins[pin >>> 5]! |= 1 << (pin & 31);
    }
    this.fselWords = shadow.fselWords(layout.gpioCount);
    this.lastFsel = Uint32Array.from(this.fselWords, (w) => this.regs[w]!);
    this.readLevels(true);
    // Outputs keep driving what they drive now.
    shadow.latchCurrentOutputs();
    this.written.set(shadow.latch);
  }

  readonly flush = (_nowNs: number): void => {
    this.commit();
  };

  readonly refresh = (_nowNs: number): void => {
    this.readLevels(false);
  };

  readonly failure = (): BackendError | undefined => {
    if (this.failureCause === undefined) return undefined;
    this.failureError ??= sysfsError(this.failureWhat, this.failureCause);
    return this.failureError;
  };

  close(): void {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    const error = this.pins.release();
    if (error !== undefined) this.record('releasing the pins', error);
  }

  private commit(): void {
    const { latch, outPins } = this.shadow;
    this.shadow.latchStores(null);
    // Levels before modes: outputs take their new level first.
    for (let bank = 0; bank < latch.length; bank++) {
      let changed = (latch[bank]! ^ this.written[bank]!) & outPins[bank]!;
      while (changed !== 0) {
        const bit = 31 - Math.clz32(changed & -changed);
        changed &= changed - 1;
        const pin = bank * 32 + bit;
        this.writeFile(this.pins.valueFd[pin]!, (latch[bank]! >>> bit) & 1 ? ONE : ZERO, 'writing a value file');
      }
      this.written[bank] = latch[bank]! & outPins[bank]!;
    }
    if (wordsChanged(this.regs, this.fselWords, this.lastFsel)) this.applyDirections();
    this.shadow.mirrorOutputs();
  }

  /** Writes the direction of every pin whose function-select field moved between input and output. */
  private applyDirections(): void {
    const { latch, outPins } = this.shadow;
    for (let k = 0; k < this.pinList.length; k++) {
      const pin = this.pinList[k]!;
      const bank = pin >>> 5;
      const bit = 1 << (pin & 31);
      const isOut = (outPins[bank]! & bit) !== 0;
      const toOut = this.shadow.fselField(pin) === this.shadow.fselOutput;
      if (isOut === toOut) continue;
      const high = (latch[bank]! & bit) !== 0;
      this.writeFile(this.pins.directionFd[pin]!, toOut ? (high ? HIGH : LOW) : IN, 'writing a direction file');
      if (toOut) {
        outPins[bank]! |= bit;
        if (high) this.written[bank]! |= bit;
        else this.written[bank]! &= ~bit;
      } else outPins[bank]! &= ~bit;
    }
  }

  /** Reads the value files of inputs (of every pin when `all`) into the level words. */
  private readLevels(all: boolean): void {
    for (let k = 0; k < this.pinList.length; k++) {
      const pin = this.pinList[k]!;
      const bank = pin >>> 5;
      const bit = 1 << (pin & 31);
      if (!all && (this.shadow.outPins[bank]! & bit) !== 0) continue;
      try {
        readSync(this.pins.valueFd[pin]!, this.readBuf, 0, 1, 0);
      } catch (error) {
        this.record('reading a value file', error);
        continue;
      }
      const at = this.shadow.levelIdx[bank]!;
      // The file holds "0\n" or "1\n".
      this.regs[at] = this.readBuf[0] === 0x31 ? this.regs[at]! | bit : this.regs[at]! & ~bit;
    }
  }

  private writeFile(fd: number, text: Buffer, what: string): void {
    try {
      // Position 0: sysfs attributes are rewritten whole, and a fake tree in a tmp dir behaves the same.
      writeSync(fd, text, 0, text.length, 0);
    } catch (error) {
      this.record(what, error);
    }
  }

  private record(what: string, error: unknown): void {
    if (this.failureCause !== undefined) return;
    this.failureWhat = what;
    this.failureCause = error;
  }
}
