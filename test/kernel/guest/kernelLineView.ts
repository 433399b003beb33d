/**
 * The kernel's own account of a line, read independently of the chardev backend under test:
 * GPIO_V2_GET_LINEINFO on the chip (who holds it, which direction) and the legacy sysfs
 * interface (which can only export a line nobody holds).
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { encodeLineInfoQuery, GPIO_V2_GET_LINEINFO_IOCTL, LINE_INFO_SIZE, LineFlag, lineInfoConsumer, lineInfoFlags } from '../../../runtime/backends/chardev/chardevEncoding.js';
import { loadIoctl } from '../../../runtime/ffi/ioctl.js';
import type { LineInfo, SysfsLine } from './guestReport.js';

/** Reads line `line`'s info from the chip at `device`; throws when the ioctl fails. */
export function readLineInfo(device: string, line: number): LineInfo {
  const ioctl = loadIoctl();
  const fd = openSync(device, 'r+');
  try {
    const buf = Buffer.alloc(LINE_INFO_SIZE);
    encodeLineInfoQuery(buf, line);
    if (ioctl.call(fd, GPIO_V2_GET_LINEINFO_IOCTL, buf) < 0) throw new Error(`GPIO_V2_GET_LINEINFO on ${device} line ${line}: errno ${ioctl.errno()}`);
    const flags = lineInfoFlags(buf);
    return { used: (flags & LineFlag.USED) !== 0, consumer: lineInfoConsumer(buf), output: (flags & LineFlag.OUTPUT) !== 0 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Exports global GPIO `gpio` through /sys/class/gpio, reads its direction and value, and
 * unexports it again. A line someone holds cannot be exported: that gives `export: 'EBUSY'`.
 */
export function probeSysfsLine(gpio: number): SysfsLine {
  try {
    writeFileSync('/sys/class/gpio/export', String(gpio));
  } catch (error) {
    return { export: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    const dir = `/sys/class/gpio/gpio${gpio}`;
    return { export: 'ok', direction: readFileSync(`${dir}/direction`, 'utf8').trim(), value: readFileSync(`${dir}/value`, 'utf8').trim() };
  } finally {
    writeFileSync('/sys/class/gpio/unexport', String(gpio));
  }
}
