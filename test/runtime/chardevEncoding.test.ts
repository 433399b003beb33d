import test from 'ava';
import {
  CHIP_INFO_SIZE,
  createConfigScratch,
  decodeChipInfo,
  encodeLineConfig,
  encodeLineInfoQuery,
  encodeLineRequest,
  GPIO_GET_CHIPINFO_IOCTL,
  GPIO_V2_GET_LINE_IOCTL,
  GPIO_V2_GET_LINEINFO_IOCTL,
  GPIO_V2_LINE_GET_VALUES_IOCTL,
  GPIO_V2_LINE_SET_CONFIG_IOCTL,
  GPIO_V2_LINE_SET_VALUES_IOCTL,
  LINE_CONFIG_SIZE,
  LINE_INFO_SIZE,
  LINE_REQUEST_SIZE,
  LINE_VALUES_SIZE,
  LineFlag,
  lineInfoConsumer,
  lineInfoFlags,
  REQUEST_CONFIG,
  REQUEST_CONSUMER,
  REQUEST_FD,
  REQUEST_NUM_LINES,
  requestFd,
  valuesBitsHi,
  valuesBitsLo,
  writeLineValues,
} from '../../runtime/backends/chardev/chardevEncoding.js';

test('struct sizes and request offsets match the uAPI v2 header (gcc sizeof/offsetof)', (t) => {
  t.is(LINE_REQUEST_SIZE, 592);
  t.is(LINE_VALUES_SIZE, 16);
  t.is(LINE_CONFIG_SIZE, 272);
  t.is(LINE_INFO_SIZE, 256);
  t.is(CHIP_INFO_SIZE, 68);
  t.is(REQUEST_CONSUMER, 256);
  t.is(REQUEST_CONFIG, 288);
  t.is(REQUEST_NUM_LINES, 560);
  t.is(REQUEST_FD, 588);
});

test('ioctl numbers are the asm-generic _IOWR/_IOR values', (t) => {
  t.is(GPIO_GET_CHIPINFO_IOCTL, 0x8044b401);
  t.is(GPIO_V2_GET_LINEINFO_IOCTL, 0xc100b405);
  t.is(GPIO_V2_GET_LINE_IOCTL, 0xc250b407);
  t.is(GPIO_V2_LINE_SET_CONFIG_IOCTL, 0xc110b40d);
  t.is(GPIO_V2_LINE_GET_VALUES_IOCTL, 0xc010b40e);
  t.is(GPIO_V2_LINE_SET_VALUES_IOCTL, 0xc010b40f);
});

test('a line request puts offsets, consumer, config and num_lines where the kernel reads them', (t) => {
  const buf = Buffer.alloc(LINE_REQUEST_SIZE, 0xee);
  const flags = Uint32Array.of(LineFlag.OUTPUT, LineFlag.OUTPUT, LineFlag.OUTPUT, LineFlag.INPUT | LineFlag.BIAS_PULL_UP, LineFlag.INPUT | LineFlag.BIAS_PULL_UP);
  const attrs = encodeLineRequest(buf, [7, 8, 9, 17, 40], 'pinseq', flags, 0b101, 0, createConfigScratch());
  t.is(attrs, 2);
  t.deepEqual([0, 1, 2, 3, 4].map((i) => buf.readUInt32LE(i * 4)), [7, 8, 9, 17, 40]);
  t.is(buf.readUInt32LE(20), 0, 'unused offsets are zero');
  t.is(buf.toString('utf8', 256, 262), 'pinseq');
  t.is(buf[262], 0, 'consumer is NUL-terminated');
  // config: default flags = the most common set (OUTPUT), then attrs from +32.
  t.is(buf.readBigUInt64LE(288), BigInt(LineFlag.OUTPUT));
  t.is(buf.readUInt32LE(296), 2, 'num_attrs');
  t.is(buf.readUInt32LE(300), 0, 'padding is zero');
  const attr0 = 288 + 32;
  t.is(buf.readUInt32LE(attr0), 1, 'attr 0 id = FLAGS');
  t.is(buf.readBigUInt64LE(attr0 + 8), BigInt(LineFlag.INPUT | LineFlag.BIAS_PULL_UP));
  t.is(buf.readBigUInt64LE(attr0 + 16), 0b11000n, 'lines 3 and 4');
  const attr1 = attr0 + 24;
  t.is(buf.readUInt32LE(attr1), 2, 'attr 1 id = OUTPUT_VALUES');
  t.is(buf.readBigUInt64LE(attr1 + 8), 0b101n);
  t.is(buf.readBigUInt64LE(attr1 + 16), 0b111n, 'output lines');
  t.is(buf.readUInt32LE(560), 5);
  t.is(buf.readUInt32LE(564), 0, 'event_buffer_size: kernel default');
  t.is(buf.readInt32LE(588), 0, 'fd is for the kernel to fill');
  buf.writeInt32LE(42, 588);
  t.is(requestFd(buf), 42);
});

test('a 64-line request uses the high half of every bitmap', (t) => {
  const buf = Buffer.alloc(LINE_REQUEST_SIZE);
  const flags = new Uint32Array(64).fill(LineFlag.OUTPUT);
  flags[63] = LineFlag.INPUT;
  const offsets = Array.from({ length: 64 }, (_, i) => i);
  t.is(encodeLineRequest(buf, offsets, 'pinseq', flags, 0xffffffff, 0x80000001, createConfigScratch()), 2);
  t.is(buf.readBigUInt64LE(288 + 32 + 16), 1n << 63n, 'the input attr masks line 63');
  t.is(buf.readBigUInt64LE(288 + 56 + 8), 0x00000001_ffffffffn, 'output values leave the input line out');
  t.is(buf.readBigUInt64LE(288 + 56 + 16), (1n << 63n) - 1n);
});

test('more than 64 lines, or more than 10 attributes, cannot be encoded', (t) => {
  const buf = Buffer.alloc(LINE_REQUEST_SIZE);
  t.is(encodeLineRequest(buf, Array.from({ length: 65 }, (_, i) => i), 'pinseq', new Uint32Array(65), 0, 0, createConfigScratch()), -1);
  // 12 distinct flag sets: one default + 11 attrs.
  const flags = Uint32Array.from({ length: 12 }, (_, i) => LineFlag.INPUT | (i << 16));
  t.is(encodeLineConfig(Buffer.alloc(LINE_CONFIG_SIZE), 0, flags, 12, 0, 0, createConfigScratch()), -1);
  // 11 distinct sets without outputs fit exactly: default + 10 attrs.
  t.is(encodeLineConfig(Buffer.alloc(LINE_CONFIG_SIZE), 0, flags, 11, 0, 0, createConfigScratch()), 10);
});

test('a config with every line as is has no attributes and zero flags', (t) => {
  const buf = Buffer.alloc(LINE_CONFIG_SIZE, 0xff);
  t.is(encodeLineConfig(buf, 0, new Uint32Array(3), 3, 0, 0, createConfigScratch()), 0);
  t.true(buf.every((b) => b === 0));
});

test('line values and line info are read and written at their offsets', (t) => {
  const values = Buffer.alloc(LINE_VALUES_SIZE);
  writeLineValues(values, 0x80000001, 0x2, 0xffffffff, 0x3);
  t.is(values.readBigUInt64LE(0), 0x2_80000001n);
  t.is(values.readBigUInt64LE(8), 0x3_ffffffffn);
  t.is(valuesBitsLo(values), 0x80000001);
  t.is(valuesBitsHi(values), 2);

  const info = Buffer.alloc(LINE_INFO_SIZE, 0xaa);
  encodeLineInfoQuery(info, 17);
  t.is(info.readUInt32LE(64), 17);
  t.is(info.readUInt32LE(0), 0, 'the rest is zeroed');
  info.write('led0\0', 32);
  info.writeBigUInt64LE(BigInt(LineFlag.USED | LineFlag.OUTPUT), 72);
  t.is(lineInfoFlags(info), LineFlag.USED | LineFlag.OUTPUT);
  t.is(lineInfoConsumer(info), 'led0');

  const chip = Buffer.alloc(CHIP_INFO_SIZE);
  chip.write('gpiochip0\0', 0);
  chip.write('pinctrl-bcm2711\0', 32);
  chip.writeUInt32LE(58, 64);
  t.deepEqual(decodeChipInfo(chip), { name: 'gpiochip0', label: 'pinctrl-bcm2711', lines: 58 });
});
