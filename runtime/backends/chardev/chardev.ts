/**
 * The `chardev` backend: the Linux GPIO character device (`/dev/gpiochipN`) through the
 * uAPI v2 ioctls. Works on any Linux board with a GPIO driver, without root when udev
 * gives the `gpio` group access.
 *
 * `open` requests every pin of the program once, as one line request (at most 64 lines)
 * with consumer "pinseq". Lines keep the direction they had (so `set 7; out 7` can bring
 * pin 7 up high with no low glitch when the program makes it an output); an input gets
 * the first pull the program sets on it. Each instant then costs at most one
 * SET_VALUES ioctl, plus one SET_CONFIG when function-select or pull fields changed.
 * Alternate functions (`alt N`) cannot be selected through this interface and are refused.
 */
import { closeSync, openSync } from 'node:fs';
import { BackendError, type Backend, type BackendSpec } from '../backend.js';
import { loadIoctl, type IoctlCaller } from '../../ffi/ioctl.js';
import { loadLibc } from '../../ffi/libc.js';
import type { Program } from '../../program/program.js';
import {
  CHIP_INFO_SIZE,
  createConfigScratch,
  decodeChipInfo,
  encodeLineInfoQuery,
  encodeLineRequest,
  GPIO_GET_CHIPINFO_IOCTL,
  GPIO_V2_GET_LINE_IOCTL,
  GPIO_V2_GET_LINEINFO_IOCTL,
  GPIO_V2_LINES_MAX,
  LINE_INFO_SIZE,
  LINE_REQUEST_SIZE,
  LineFlag,
  lineInfoConsumer,
  lineInfoFlags,
  requestFd,
} from './chardevEncoding.js';
import { chardevIoctlError, chardevOpenError } from './chardevErrors.js';
import { findAlternateFunctionPin, scanFirstPulls } from './chardevLineSettings.js';
import { buildLineMap, type LineMap } from './chardevLineMap.js';
import { ChardevSession } from './chardevSession.js';

/** The consumer label pinseq's line requests carry (what `gpioinfo` shows). */
export const CHARDEV_CONSUMER = 'pinseq';

/** The system calls the chardev backend makes; tests inject a fake kernel. */
export interface ChardevIo {
  readonly ioctl: IoctlCaller;
  /** Opens a device read/write, returning its fd; throws a Node fs error. */
  open(path: string): number;
  /** Closes an fd that `open` returned. */
  close(fd: number): void;
  /**
   * Closes the line-request fd, which the kernel made in an ioctl and Node never opened
   * (default: `close`). Node's fs must not close it: inside a worker, Node warns about
   * closing a descriptor it did not open.
   */
  closeRequest?(fd: number): void;
}

/** The chardev backend for `spec.path` (`/dev/gpiochip0`), using the real system calls. */
export function chardevBackend(spec: Extract<BackendSpec, { kind: 'chardev' }>): Backend {
  return createChardevBackend(spec, () => {
    const libc = loadLibc();
    return {
      ioctl: loadIoctl(),
      open: (path) => openSync(path, 'r+'),
      close: closeSync,
      closeRequest: (fd) => {
        if (libc.close(fd) < 0) throw new Error(`close(${fd}) failed`);
      },
    };
  });
}

/** The chardev backend with injected system calls (`io` is called once per `open`). */
export function createChardevBackend(spec: Extract<BackendSpec, { kind: 'chardev' }>, io: () => ChardevIo): Backend {
  return {
    name: 'chardev',
    open(program: Program): ChardevSession {
      checkProgramFitsLineRequest(program);
      let sys: ChardevIo;
      try {
        sys = io();
      } catch (error) {
        throw new BackendError('E_UNSUPPORTED', 'chardev', `cannot call ioctl through koffi: ${(error as Error).message}`, 'the chardev backend needs Linux with glibc; use --backend sim to try the script');
      }
      let chipFd: number;
      try {
        chipFd = sys.open(spec.path);
      } catch (error) {
        throw chardevOpenError(spec.path, error);
      }
      let fd: number;
      let map: LineMap;
      let wasOutput: Uint8Array;
      const biasOfPin = scanFirstPulls(program);
      try {
        checkPinsAreLines(sys.ioctl, chipFd, spec.path, program.pins);
        map = buildLineMap(program.pins, program.layout.set.length);
        wasOutput = readLineDirections(sys.ioctl, chipFd, spec.path, map);
        fd = requestLines(sys.ioctl, chipFd, spec.path, map, wasOutput, biasOfPin);
      } finally {
        // The request fd lives on its own; the chip fd is only needed to make it.
        sys.close(chipFd);
      }
      return new ChardevSession(program, { path: spec.path, ioctl: sys.ioctl, closeFd: (requestFd) => (sys.closeRequest ?? sys.close)(requestFd), fd, map, wasOutput, biasOfPin });
    },
  };
}

/** Refuses programs one line request cannot carry: more than 64 pins, or alternate functions. */
function checkProgramFitsLineRequest(program: Program): void {
  if (program.pins.length > GPIO_V2_LINES_MAX) {
    throw new BackendError(
      'E_UNSUPPORTED',
      'chardev',
      `the program uses ${program.pins.length} pins; one gpiochip line request holds at most ${GPIO_V2_LINES_MAX}`,
      'narrow the script with `allow`, or use --backend gpiomem',
    );
  }
  const altPin = findAlternateFunctionPin(program);
  if (altPin >= 0) {
    throw new BackendError(
      'E_UNSUPPORTED',
      'chardev',
      `the program selects an alternate function on pin ${altPin}; the GPIO character device can only make lines inputs or outputs`,
      'use --backend gpiomem or devmem for `alt`',
    );
  }
  const banks = program.layout.set.length;
  const outside = program.pins.find((pin) => pin < 0 || pin >= banks * 32);
  if (outside !== undefined) throw new BackendError('E_UNSUPPORTED', 'chardev', `pin ${outside} is outside the register layout`);
}

/** Checks with GPIO_GET_CHIPINFO that every pin is a line of this chip. */
function checkPinsAreLines(ioctl: IoctlCaller, chipFd: number, path: string, pins: readonly number[]): void {
  const buf = Buffer.alloc(CHIP_INFO_SIZE);
  if (ioctl.call(chipFd, GPIO_GET_CHIPINFO_IOCTL, buf) < 0) throw chardevIoctlError(path, 'reading the chip info', ioctl.errno());
  const info = decodeChipInfo(buf);
  const missing = pins.find((pin) => pin >= info.lines);
  if (missing !== undefined) {
    throw new BackendError(
      'E_NOT_FOUND',
      'chardev',
      `pin ${missing} is not a line of ${path} (${info.label || info.name} has ${info.lines} lines)`,
      'pick the gpiochip that carries the SoC GPIOs (`gpiodetect` lists them)',
    );
  }
}

/** Asks the kernel about each line: refuses lines someone else holds; returns which are outputs now. */
function readLineDirections(ioctl: IoctlCaller, chipFd: number, path: string, map: LineMap): Uint8Array {
  const buf = Buffer.alloc(LINE_INFO_SIZE);
  const wasOutput = new Uint8Array(map.count);
  for (let line = 0; line < map.count; line++) {
    const pin = map.pinOfLine[line]!;
    encodeLineInfoQuery(buf, pin);
    if (ioctl.call(chipFd, GPIO_V2_GET_LINEINFO_IOCTL, buf) < 0) throw chardevIoctlError(path, `reading line ${pin}'s info`, ioctl.errno());
    const flags = lineInfoFlags(buf);
    if ((flags & LineFlag.USED) !== 0) {
      const consumer = lineInfoConsumer(buf) || 'the kernel';
      throw new BackendError('E_BUSY', 'chardev', `pin ${pin} is in use by "${consumer}"`, `free the pin (stop "${consumer}" or remove its device-tree overlay), or leave pin ${pin} out of the script`);
    }
    wasOutput[line] = (flags & LineFlag.OUTPUT) !== 0 ? 1 : 0;
  }
  return wasOutput;
}

/**
 * Requests the lines in one GPIO_V2_GET_LINE ioctl and returns the request fd.
 * Outputs are requested as they are (no direction flag), because requesting OUTPUT
 * would drive them to a value before the program says which; inputs get their bias.
 */
function requestLines(ioctl: IoctlCaller, chipFd: number, path: string, map: LineMap, wasOutput: Uint8Array, biasOfPin: Uint32Array): number {
  const lineFlags = new Uint32Array(map.count);
  for (let line = 0; line < map.count; line++) {
    const bias = biasOfPin[map.pinOfLine[line]!]!;
    lineFlags[line] = wasOutput[line] || bias === 0 ? 0 : LineFlag.INPUT | bias;
  }
  const buf = Buffer.alloc(LINE_REQUEST_SIZE);
  if (encodeLineRequest(buf, map.pinOfLine, CHARDEV_CONSUMER, lineFlags, 0, 0, createConfigScratch()) < 0) {
    throw new BackendError('E_UNSUPPORTED', 'chardev', 'the line settings need more than 10 config attributes');
  }
  if (ioctl.call(chipFd, GPIO_V2_GET_LINE_IOCTL, buf) < 0) throw chardevIoctlError(path, 'requesting the lines', ioctl.errno());
  return requestFd(buf);
}
