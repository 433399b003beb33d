/**
 * A fake Linux GPIO chip behind the uAPI v2 ioctls, for chardev tests without hardware.
 *
 * It decodes the raw Buffers with the offsets written out here from
 * include/uapi/linux/gpio.h (not with the backend's own encoder), applies line configs
 * the way gpiolib-cdev does (per-line flags from the first matching FLAGS attribute, else
 * the config default; OUTPUT_VALUES for outputs; no direction flag = as is), and refuses
 * what the kernel refuses (setting an input: EPERM; bias without direction: EINVAL;
 * a line in use: EBUSY).
 */
import { constants } from 'node:os';
import type { ChardevIo } from '../../runtime/backends/chardev/chardev.js';

const { EPERM, EINVAL, EBUSY, ENOTTY, EBADF } = constants.errno;

/** ioctl numbers, as the anchors list them. */
export const IOCTL = {
  CHIPINFO: 0x8044b401,
  LINEINFO: 0xc100b405,
  GET_LINE: 0xc250b407,
  SET_CONFIG: 0xc110b40d,
  GET_VALUES: 0xc010b40e,
  SET_VALUES: 0xc010b40f,
} as const;

const FLAG = { USED: 1, INPUT: 4, OUTPUT: 8, PULL_UP: 0x100, PULL_DOWN: 0x200, BIAS_DISABLED: 0x400 } as const;

/** One line of the fake chip. */
export interface FakeLine {
  direction: 'in' | 'out';
  /** The level: driven for outputs, what the outside world applies for inputs. */
  value: 0 | 1;
  bias: 'as-is' | 'up' | 'down' | 'disabled';
  /** Consumer holding it (another program or a driver), or undefined when free. */
  usedBy?: string | undefined;
}

/** One ioctl the fake saw. */
export interface FakeCall {
  readonly fd: number;
  readonly request: number;
  /** For SET_VALUES/GET_VALUES: the 64-bit bits/mask as bigint; for SET_CONFIG/GET_LINE: the decoded line flags. */
  readonly bits?: bigint;
  readonly mask?: bigint;
  readonly lineFlags?: readonly number[];
  readonly outputValues?: bigint;
  readonly consumer?: string;
  readonly offsets?: readonly number[];
}

const CHIP_FD = 100;

/** A fake gpiochip with `count` lines, all free inputs at 0 unless a test changes them. */
export class FakeGpiochip {
  readonly lines: FakeLine[];
  readonly calls: FakeCall[] = [];
  readonly closed: number[] = [];
  /** Set to make the next ioctl with this request number fail with this errno. */
  failNext: { request: number; errno: number } | undefined;
  private lastErrno = 0;
  private nextFd = 200;
  private readonly requests = new Map<number, number[]>();

  constructor(count = 58, readonly path = '/dev/gpiochip0', readonly label = 'pinctrl-bcm2711') {
    this.lines = Array.from({ length: count }, () => ({ direction: 'in' as const, value: 0 as const, bias: 'as-is' as const }));
  }

  /** The system calls to inject into `createChardevBackend`. */
  io(): ChardevIo {
    return {
      ioctl: { call: (fd, request, arg) => this.ioctl(fd, request, arg), errno: () => this.lastErrno },
      open: (path) => {
        if (path !== this.path) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
        return CHIP_FD;
      },
      close: (fd) => {
        this.closed.push(fd);
        const offsets = this.requests.get(fd);
        if (offsets) for (const o of offsets) this.lines[o]!.usedBy = undefined;
        this.requests.delete(fd);
      },
    };
  }

  /** The calls with this ioctl number. */
  callsOf(request: number): FakeCall[] {
    return this.calls.filter((c) => c.request === request);
  }

  /** True while some request fd is open. */
  get requested(): boolean {
    return this.requests.size > 0;
  }

  private fail(errno: number): number {
    this.lastErrno = errno;
    return -1;
  }

  private ioctl(fd: number, request: number, buf: Buffer): number {
    if (this.failNext?.request === request) {
      const { errno } = this.failNext;
      this.failNext = undefined;
      this.calls.push({ fd, request });
      return this.fail(errno);
    }
    if (fd === CHIP_FD) return this.chipIoctl(request, buf);
    const offsets = this.requests.get(fd);
    if (!offsets) return this.fail(EBADF);
    switch (request) {
      case IOCTL.SET_VALUES: {
        const bits = buf.readBigUInt64LE(0);
        const mask = buf.readBigUInt64LE(8);
        this.calls.push({ fd, request, bits, mask });
        for (let i = 0; i < offsets.length; i++) if (mask & (1n << BigInt(i)) && this.lines[offsets[i]!]!.direction !== 'out') return this.fail(EPERM);
        for (let i = 0; i < offsets.length; i++) if (mask & (1n << BigInt(i))) this.lines[offsets[i]!]!.value = bits & (1n << BigInt(i)) ? 1 : 0;
        return 0;
      }
      case IOCTL.GET_VALUES: {
        const mask = buf.readBigUInt64LE(8);
        let bits = 0n;
        for (let i = 0; i < offsets.length; i++) if (mask & (1n << BigInt(i)) && this.lines[offsets[i]!]!.value) bits |= 1n << BigInt(i);
        buf.writeBigUInt64LE(bits, 0);
        this.calls.push({ fd, request, bits, mask });
        return 0;
      }
      case IOCTL.SET_CONFIG: {
        const config = decodeConfig(buf, 0, offsets.length);
        this.calls.push({ fd, request, lineFlags: config.flags, outputValues: config.outputValues });
        return this.applyConfig(offsets, config) ? 0 : this.fail(EINVAL);
      }
      default:
        return this.fail(ENOTTY);
    }
  }

  private chipIoctl(request: number, buf: Buffer): number {
    switch (request) {
      case IOCTL.CHIPINFO:
        buf.fill(0);
        buf.write('gpiochip0', 0);
        buf.write(this.label, 32);
        buf.writeUInt32LE(this.lines.length, 64);
        this.calls.push({ fd: CHIP_FD, request });
        return 0;
      case IOCTL.LINEINFO: {
        const offset = buf.readUInt32LE(64);
        const line = this.lines[offset];
        if (!line) return this.fail(EINVAL);
        let flags = line.direction === 'out' ? FLAG.OUTPUT : FLAG.INPUT;
        if (line.usedBy !== undefined) {
          flags |= FLAG.USED;
          buf.write(line.usedBy, 32);
        }
        buf.writeBigUInt64LE(BigInt(flags), 72);
        this.calls.push({ fd: CHIP_FD, request, offsets: [offset] });
        return 0;
      }
      case IOCTL.GET_LINE: {
        const count = buf.readUInt32LE(560);
        const offsets = Array.from({ length: count }, (_, i) => buf.readUInt32LE(i * 4));
        const end = buf.indexOf(0, 256);
        const consumer = buf.toString('utf8', 256, end);
        const config = decodeConfig(buf, 288, count);
        this.calls.push({ fd: CHIP_FD, request, offsets, consumer, lineFlags: config.flags, outputValues: config.outputValues });
        if (buf.readInt32LE(588) !== 0) return this.fail(EINVAL);
        if (offsets.some((o) => this.lines[o]?.usedBy !== undefined)) return this.fail(EBUSY);
        if (!this.applyConfig(offsets, config)) return this.fail(EINVAL);
        for (const o of offsets) this.lines[o]!.usedBy = consumer;
        const fd = this.nextFd++;
        this.requests.set(fd, offsets);
        buf.writeInt32LE(fd, 588);
        return 0;
      }
      default:
        return this.fail(ENOTTY);
    }
  }

  private applyConfig(offsets: readonly number[], config: DecodedConfig): boolean {
    for (const f of config.flags) {
      const bias = f & (FLAG.PULL_UP | FLAG.PULL_DOWN | FLAG.BIAS_DISABLED);
      if ((f & FLAG.INPUT && f & FLAG.OUTPUT) || (bias && !(f & (FLAG.INPUT | FLAG.OUTPUT)))) return false;
    }
    offsets.forEach((o, i) => {
      const line = this.lines[o]!;
      const f = config.flags[i]!;
      if (f & FLAG.OUTPUT) {
        line.direction = 'out';
        line.value = config.outputValues & (1n << BigInt(i)) ? 1 : 0;
      } else if (f & FLAG.INPUT) line.direction = 'in';
      if (f & FLAG.PULL_UP) line.bias = 'up';
      else if (f & FLAG.PULL_DOWN) line.bias = 'down';
      else if (f & FLAG.BIAS_DISABLED) line.bias = 'disabled';
    });
    return true;
  }
}

interface DecodedConfig {
  readonly flags: number[];
  readonly outputValues: bigint;
}

/** Decodes a `gpio_v2_line_config` at `at`: flags +0, num_attrs +8, attrs +32 (24 bytes each: id +0, u +8, mask +16). */
function decodeConfig(buf: Buffer, at: number, count: number): DecodedConfig {
  const defaults = Number(buf.readBigUInt64LE(at));
  const numAttrs = buf.readUInt32LE(at + 8);
  const flags = new Array<number | undefined>(count).fill(undefined);
  let outputValues = 0n;
  for (let a = 0; a < numAttrs; a++) {
    const attr = at + 32 + a * 24;
    const id = buf.readUInt32LE(attr);
    const payload = buf.readBigUInt64LE(attr + 8);
    const mask = buf.readBigUInt64LE(attr + 16);
    for (let i = 0; i < count; i++) {
      if (!(mask & (1n << BigInt(i)))) continue;
      if (id === 1) flags[i] ??= Number(payload);
      if (id === 2 && payload & (1n << BigInt(i))) outputValues |= 1n << BigInt(i);
    }
  }
  return { flags: flags.map((f) => f ?? defaults), outputValues };
}
