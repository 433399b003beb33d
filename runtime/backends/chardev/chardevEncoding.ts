/**
 * The Linux GPIO character device uAPI v2 (`include/uapi/linux/gpio.h`) as raw bytes:
 * struct sizes, field offsets, flags and ioctl numbers, and encoders that fill
 * preallocated Buffers with explicit offsets. No koffi struct types: a Buffer laid out by
 * hand has no packing ambiguity and costs the least per ioctl.
 *
 * Sizes and offsets were computed with gcc `sizeof`/`offsetof` against the 6.1 header
 * (reference/anchors.md §(d)); `__aligned_u64` makes them the same on arm, arm64 and x86-64.
 * 64-bit bitmaps are handled as two 32-bit halves (`lo` = lines 0–31, `hi` = lines 32–63)
 * so nothing here allocates a BigInt.
 *
 * Exported piece by piece so a test against the kernel's gpio-sim can reuse them.
 */

/** GPIO_MAX_NAME_SIZE: bytes of a chip/line name or consumer label, NUL included. */
export const GPIO_MAX_NAME_SIZE = 32;
/** GPIO_V2_LINES_MAX: most lines one request may hold. */
export const GPIO_V2_LINES_MAX = 64;
/** GPIO_V2_LINE_NUM_ATTRS_MAX: most attributes one line config may carry. */
export const GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

/** `enum gpio_v2_line_flag` (all below bit 32, so plain numbers). */
export const LineFlag = {
  USED: 1 << 0,
  ACTIVE_LOW: 1 << 1,
  INPUT: 1 << 2,
  OUTPUT: 1 << 3,
  EDGE_RISING: 1 << 4,
  EDGE_FALLING: 1 << 5,
  OPEN_DRAIN: 1 << 6,
  OPEN_SOURCE: 1 << 7,
  BIAS_PULL_UP: 1 << 8,
  BIAS_PULL_DOWN: 1 << 9,
  BIAS_DISABLED: 1 << 10,
  EVENT_CLOCK_REALTIME: 1 << 11,
  EVENT_CLOCK_HTE: 1 << 12,
} as const;

/** `enum gpio_v2_line_attr_id`. */
export const LineAttrId = { FLAGS: 1, OUTPUT_VALUES: 2, DEBOUNCE: 3 } as const;

/** `struct gpio_v2_line_values`: bits +0, mask +8. */
export const LINE_VALUES_SIZE = 16;
/** `struct gpio_v2_line_attribute`: id +0, padding +4, union +8. */
export const LINE_ATTRIBUTE_SIZE = 16;
/** `struct gpio_v2_line_config_attribute`: attr +0, mask +16. */
export const LINE_CONFIG_ATTRIBUTE_SIZE = 24;
/** `struct gpio_v2_line_config`: flags +0, num_attrs +8, padding[5] +12, attrs[10] +32. */
export const LINE_CONFIG_SIZE = 272;
export const CONFIG_FLAGS = 0;
export const CONFIG_NUM_ATTRS = 8;
export const CONFIG_ATTRS = 32;
/** `struct gpio_v2_line_request` and its field offsets. */
export const LINE_REQUEST_SIZE = 592;
export const REQUEST_OFFSETS = 0;
export const REQUEST_CONSUMER = 256;
export const REQUEST_CONFIG = 288;
export const REQUEST_NUM_LINES = 560;
export const REQUEST_EVENT_BUFFER_SIZE = 564;
export const REQUEST_FD = 588;
/** `struct gpio_v2_line_info`: name +0, consumer +32, offset +64, num_attrs +68, flags +72, attrs +80. */
export const LINE_INFO_SIZE = 256;
export const INFO_CONSUMER = 32;
export const INFO_OFFSET = 64;
export const INFO_FLAGS = 72;
/** `struct gpiochip_info`: name +0, label +32, lines +64. */
export const CHIP_INFO_SIZE = 68;

/** `_IOC` in the asm-generic encoding used by x86, arm, arm64 and riscv: dir<<30 | size<<16 | type<<8 | nr. */
function ioc(dir: number, type: number, nr: number, size: number): number {
  return ((dir << 30) | (size << 16) | (type << 8) | nr) >>> 0;
}
const IOC_READ = 2;
const IOC_READ_WRITE = 3;
const GPIO_IOCTL_MAGIC = 0xb4;

/** GPIO_GET_CHIPINFO_IOCTL, on a chip fd: 0x8044B401. */
export const GPIO_GET_CHIPINFO_IOCTL = ioc(IOC_READ, GPIO_IOCTL_MAGIC, 0x01, CHIP_INFO_SIZE);
/** GPIO_V2_GET_LINEINFO_IOCTL, on a chip fd: 0xC100B405. */
export const GPIO_V2_GET_LINEINFO_IOCTL = ioc(IOC_READ_WRITE, GPIO_IOCTL_MAGIC, 0x05, LINE_INFO_SIZE);
/** GPIO_V2_GET_LINE_IOCTL, on a chip fd, returns a request fd: 0xC250B407. */
export const GPIO_V2_GET_LINE_IOCTL = ioc(IOC_READ_WRITE, GPIO_IOCTL_MAGIC, 0x07, LINE_REQUEST_SIZE);
/** GPIO_V2_LINE_SET_CONFIG_IOCTL, on a request fd: 0xC110B40D. */
export const GPIO_V2_LINE_SET_CONFIG_IOCTL = ioc(IOC_READ_WRITE, GPIO_IOCTL_MAGIC, 0x0d, LINE_CONFIG_SIZE);
/** GPIO_V2_LINE_GET_VALUES_IOCTL, on a request fd: 0xC010B40E. */
export const GPIO_V2_LINE_GET_VALUES_IOCTL = ioc(IOC_READ_WRITE, GPIO_IOCTL_MAGIC, 0x0e, LINE_VALUES_SIZE);
/** GPIO_V2_LINE_SET_VALUES_IOCTL, on a request fd: 0xC010B40F. */
export const GPIO_V2_LINE_SET_VALUES_IOCTL = ioc(IOC_READ_WRITE, GPIO_IOCTL_MAGIC, 0x0f, LINE_VALUES_SIZE);

/** Writes a 64-bit bitmap given as two 32-bit halves, little-endian (every Linux GPIO target is). */
export function writeBitmap(buf: Buffer, at: number, lo: number, hi: number): void {
  buf.writeUInt32LE(lo >>> 0, at);
  buf.writeUInt32LE(hi >>> 0, at + 4);
}

/** Fills a 16-byte `gpio_v2_line_values` in place: which lines to set (`mask`) and to what (`bits`). */
export function writeLineValues(buf: Buffer, bitsLo: number, bitsHi: number, maskLo: number, maskHi: number): void {
  writeBitmap(buf, 0, bitsLo, bitsHi);
  writeBitmap(buf, 8, maskLo, maskHi);
}

/** Low half (lines 0–31) of the `bits` of a `gpio_v2_line_values`. */
export function valuesBitsLo(buf: Buffer): number {
  return buf.readUInt32LE(0);
}

/** High half (lines 32–63) of the `bits` of a `gpio_v2_line_values`. */
export function valuesBitsHi(buf: Buffer): number {
  return buf.readUInt32LE(4);
}

/**
 * Preallocated working space for {@link encodeLineConfig}, so encoding a config at a
 * mode change does not allocate. One per request.
 */
export interface ConfigScratch {
  readonly flags: Uint32Array;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly count: Uint32Array;
}

/** Allocates the working space for {@link encodeLineConfig}. */
export function createConfigScratch(): ConfigScratch {
  const n = GPIO_V2_LINE_NUM_ATTRS_MAX + 1;
  return { flags: new Uint32Array(n), lo: new Uint32Array(n), hi: new Uint32Array(n), count: new Uint32Array(n) };
}

/**
 * Encodes a `gpio_v2_line_config` at `buf[at…at+272)` giving line i of the request the
 * flags `lineFlags[i]`: the most common flags become the config's default and every other
 * distinct set one FLAGS attribute with its line mask; output lines also get one
 * OUTPUT_VALUES attribute from `valuesLo/Hi`, so a line turned into an output comes up at
 * its latched level. Returns the number of attributes, or -1 when more than
 * {@link GPIO_V2_LINE_NUM_ATTRS_MAX} would be needed (nothing useful is left in `buf` then).
 * Allocates nothing.
 */
export function encodeLineConfig(
  buf: Buffer,
  at: number,
  lineFlags: Uint32Array,
  lineCount: number,
  valuesLo: number,
  valuesHi: number,
  scratch: ConfigScratch,
): number {
  buf.fill(0, at, at + LINE_CONFIG_SIZE);
  // Group lines by their flags (at most 11 groups fit the scratch: default + 10 attrs).
  let groups = 0;
  let outLo = 0;
  let outHi = 0;
  for (let i = 0; i < lineCount; i++) {
    const f = lineFlags[i]!;
    let g = 0;
    while (g < groups && scratch.flags[g] !== f) g++;
    if (g === groups) {
      if (groups === scratch.flags.length) return -1;
      scratch.flags[g] = f;
      scratch.lo[g] = 0;
      scratch.hi[g] = 0;
      scratch.count[g] = 0;
      groups++;
    }
    scratch.count[g]!++;
    if (i < 32) scratch.lo[g]! |= 1 << i;
    else scratch.hi[g]! |= 1 << (i - 32);
    if ((f & LineFlag.OUTPUT) !== 0) {
      if (i < 32) outLo |= 1 << i;
      else outHi |= 1 << (i - 32);
    }
  }
  let defaultGroup = 0;
  for (let g = 1; g < groups; g++) if (scratch.count[g]! > scratch.count[defaultGroup]!) defaultGroup = g;
  const hasOutputs = (outLo | outHi) !== 0;
  const attrs = groups - 1 + (hasOutputs ? 1 : 0);
  if (attrs > GPIO_V2_LINE_NUM_ATTRS_MAX) return -1;

  writeBitmap(buf, at + CONFIG_FLAGS, groups > 0 ? scratch.flags[defaultGroup]! : 0, 0);
  buf.writeUInt32LE(attrs, at + CONFIG_NUM_ATTRS);
  let a = 0;
  for (let g = 0; g < groups; g++) {
    if (g === defaultGroup) continue;
    writeConfigAttribute(buf, at + CONFIG_ATTRS + a * LINE_CONFIG_ATTRIBUTE_SIZE, LineAttrId.FLAGS, scratch.flags[g]!, 0, scratch.lo[g]!, scratch.hi[g]!);
    a++;
  }
  if (hasOutputs) {
    writeConfigAttribute(buf, at + CONFIG_ATTRS + a * LINE_CONFIG_ATTRIBUTE_SIZE, LineAttrId.OUTPUT_VALUES, valuesLo & outLo, valuesHi & outHi, outLo, outHi);
  }
  return attrs;
}

/** One `gpio_v2_line_config_attribute`: attr.id, attr.u (a 64-bit flags or values bitmap), and the line mask. */
function writeConfigAttribute(buf: Buffer, at: number, id: number, payloadLo: number, payloadHi: number, maskLo: number, maskHi: number): void {
  buf.writeUInt32LE(id, at);
  writeBitmap(buf, at + 8, payloadLo, payloadHi);
  writeBitmap(buf, at + LINE_ATTRIBUTE_SIZE, maskLo, maskHi);
}

/**
 * Encodes a whole `gpio_v2_line_request` into a 592-byte Buffer: the chip line offsets,
 * the consumer label (truncated to 31 bytes), the config (see {@link encodeLineConfig}),
 * `num_lines`, and a zero `fd` for the kernel to fill. Returns the number of config
 * attributes, or -1 when the request cannot be encoded (too many lines or attributes).
 */
export function encodeLineRequest(
  buf: Buffer,
  offsets: ArrayLike<number>,
  consumer: string,
  lineFlags: Uint32Array,
  valuesLo: number,
  valuesHi: number,
  scratch: ConfigScratch,
): number {
  if (offsets.length > GPIO_V2_LINES_MAX) return -1;
  buf.fill(0, 0, LINE_REQUEST_SIZE);
  for (let i = 0; i < offsets.length; i++) buf.writeUInt32LE(offsets[i]!, REQUEST_OFFSETS + i * 4);
  // Leave at least one NUL: the kernel reads the label as a C string.
  buf.write(consumer, REQUEST_CONSUMER, GPIO_MAX_NAME_SIZE - 1, 'utf8');
  const attrs = encodeLineConfig(buf, REQUEST_CONFIG, lineFlags, offsets.length, valuesLo, valuesHi, scratch);
  buf.writeUInt32LE(offsets.length, REQUEST_NUM_LINES);
  return attrs;
}

/** The line-request fd the kernel wrote into a request Buffer after GPIO_V2_GET_LINE_IOCTL. */
export function requestFd(buf: Buffer): number {
  return buf.readInt32LE(REQUEST_FD);
}

/** Prepares a 256-byte `gpio_v2_line_info` Buffer to ask about line `offset`. */
export function encodeLineInfoQuery(buf: Buffer, offset: number): void {
  buf.fill(0, 0, LINE_INFO_SIZE);
  buf.writeUInt32LE(offset, INFO_OFFSET);
}

/** The flags (low 32 bits; every defined flag lives there) of a `gpio_v2_line_info` the kernel filled. */
export function lineInfoFlags(buf: Buffer): number {
  return buf.readUInt32LE(INFO_FLAGS);
}

/** The consumer label of a `gpio_v2_line_info`, empty when the line is free. */
export function lineInfoConsumer(buf: Buffer): string {
  return cString(buf, INFO_CONSUMER, GPIO_MAX_NAME_SIZE);
}

/** What GPIO_GET_CHIPINFO_IOCTL says about a chip. */
export interface ChipInfo {
  readonly name: string;
  readonly label: string;
  readonly lines: number;
}

/** Decodes a 68-byte `gpiochip_info`. */
export function decodeChipInfo(buf: Buffer): ChipInfo {
  return { name: cString(buf, 0, GPIO_MAX_NAME_SIZE), label: cString(buf, 32, GPIO_MAX_NAME_SIZE), lines: buf.readUInt32LE(64) };
}

/** A NUL-terminated string in a fixed-size field. */
function cString(buf: Buffer, at: number, size: number): string {
  const end = buf.indexOf(0, at);
  return buf.toString('utf8', at, end < 0 || end > at + size ? at + size : end);
}
