/**
 * The chardev backend against the real kernel. The /dev/null cases run everywhere and
 * prove the koffi ioctl binding itself; the gpiochip cases run only where a chip exists
 * (they are skipped, and say so, elsewhere). Driving a line needs an explicit opt-in:
 * PINSEQ_TEST_GPIOCHIP=/dev/gpiochipN PINSEQ_TEST_LINE=K, ideally on the kernel's gpio-sim.
 */
import test from 'ava';
import { closeSync, openSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { BackendError } from '../../runtime/backends/backend.js';
import { chardevBackend } from '../../runtime/backends/chardev/chardev.js';
import { CHIP_INFO_SIZE, decodeChipInfo, GPIO_GET_CHIPINFO_IOCTL } from '../../runtime/backends/chardev/chardevEncoding.js';
import { loadIoctl } from '../../runtime/ffi/ioctl.js';
import { fselOp, handProgram, word } from './_backendPrograms.js';

const chips = readdirSync('/dev').filter((name) => /^gpiochip\d+$/.test(name)).map((name) => `/dev/${name}`);

test('the koffi ioctl binding reaches the kernel: a GPIO ioctl on /dev/null fails with ENOTTY', (t) => {
  const ioctl = loadIoctl();
  const fd = openSync('/dev/null', 'r+');
  try {
    t.is(ioctl.call(fd, GPIO_GET_CHIPINFO_IOCTL, Buffer.alloc(CHIP_INFO_SIZE)), -1);
    t.is(ioctl.errno(), constants.errno.ENOTTY);
  } finally {
    closeSync(fd);
  }
});

test('opening /dev/null as a gpiochip is refused as not a GPIO character device', (t) => {
  const error = t.throws(() => chardevBackend({ kind: 'chardev', path: '/dev/null' }).open(handProgram([], { pins: [7] })), { instanceOf: BackendError });
  t.is(error?.code, 'E_UNSUPPORTED');
  t.regex(error?.message ?? '', /not a GPIO character device/);
});

const withChip = chips.length > 0 ? test : test.skip;
if (chips.length === 0) console.log('chardevReal: no /dev/gpiochip* on this machine; the real-chip test is skipped');

withChip('GPIO_GET_CHIPINFO on a real gpiochip describes it', (t) => {
  const fd = openSync(chips[0]!, 'r+');
  try {
    const buf = Buffer.alloc(CHIP_INFO_SIZE);
    t.is(loadIoctl().call(fd, GPIO_GET_CHIPINFO_IOCTL, buf), 0);
    const info = decodeChipInfo(buf);
    t.regex(info.name, /^gpiochip\d+$/);
    t.true(info.lines > 0);
  } finally {
    closeSync(fd);
  }
});

const chipPath = process.env['PINSEQ_TEST_GPIOCHIP'];
const line = Number(process.env['PINSEQ_TEST_LINE']);
const withLine = chipPath && Number.isInteger(line) && line >= 0 && line < 32 ? test : test.skip;

withLine('a real line request: out, set, read back, clear, release', (t) => {
  const program = handProgram([fselOp(line, 1), ['COMMIT']], { pins: [line], outputs: [line] });
  const session = chardevBackend({ kind: 'chardev', path: chipPath! }).open(program);
  try {
    const [, offset, clear, set] = fselOp(line, 1);
    session.regs[word(offset!)] = (session.regs[word(offset!)]! & ~clear!) | set!;
    session.regs[word(0x1c)] = 1 << line;
    session.flush!(0);
    session.refresh!(0);
    t.is((session.regs[word(0x34)]! >>> line) & 1, 1);
    session.regs[word(0x28)] = 1 << line;
    session.flush!(1);
    session.refresh!(1);
    t.is((session.regs[word(0x34)]! >>> line) & 1, 0);
    t.is(session.failure!(), undefined);
  } finally {
    session.close();
  }
});
