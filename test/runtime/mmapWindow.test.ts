/**
 * The shared mmap window and the file: backend on it: stores land in the file, files
 * are created and grown, devices and missing paths are refused with the right codes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { BackendError } from '../../runtime/backends/backend.js';
import { fileBackend } from '../../runtime/backends/mmap/file.js';
import { mapWindow, windowError } from '../../runtime/backends/mmap/mmapWindow.js';
import { assemble } from '../_helpers/assemble.js';

const dir = mkdtempSync(join(tmpdir(), 'pinseq-mmap-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('stores into the window land in the file without msync', (t) => {
  const path = join(dir, 'plain.bin');
  writeFileSync(path, Buffer.alloc(8192));
  const window = mapWindow(path, 0, 4096, 'file');
  window.regs[0x1c >>> 2] = 0x8000_0080;
  t.is(readFileSync(path).readUInt32LE(0x1c), 0x8000_0080);
  window.unmap();
  t.is(window.regs.length, 0, 'the view is dropped at unmap');
  window.unmap();
});

test('an offset that is not page-aligned maps the right bytes', (t) => {
  const path = join(dir, 'offset.bin');
  const bytes = Buffer.alloc(3 * 4096);
  bytes.writeUInt32LE(0xcafe_f00d, 4096 + 0x204);
  writeFileSync(path, bytes);
  const window = mapWindow(path, 4096 + 0x200, 64, 'file');
  t.is(window.regs.length, 16);
  t.is(window.regs[1], 0xcafe_f00d);
  window.unmap();
});

test('the file backend creates a missing file at the window size and grows a short one', (t) => {
  const program = assemble([]);
  const created = join(dir, 'created.bin');
  fileBackend({ kind: 'file', path: created }).open(program).close();
  t.is(statSync(created).size, program.layout.windowBytes);
  const short = join(dir, 'short.bin');
  writeFileSync(short, Buffer.from([1, 2, 3, 4]));
  const session = fileBackend({ kind: 'file', path: short }).open(program);
  t.is(session.regs[0], 0x04030201, 'existing bytes are kept');
  session.close();
  t.is(statSync(short).size, program.layout.windowBytes);
  const long = join(dir, 'long.bin');
  writeFileSync(long, Buffer.alloc(3 * 4096));
  fileBackend({ kind: 'file', path: long }).open(program).close();
  t.is(statSync(long).size, 3 * 4096, 'a longer file is left as it is');
});

test('a path in a missing directory is E_NOT_FOUND', (t) => {
  const error = t.throws(() => fileBackend({ kind: 'file', path: join(dir, 'nope', 'regs.bin') }).open(assemble([])), { instanceOf: BackendError });
  t.is(error?.code, 'E_NOT_FOUND');
  t.is(error?.backend, 'file');
});

test('the file backend refuses a device', (t) => {
  const error = t.throws(() => fileBackend({ kind: 'file', path: '/dev/null' }).open(assemble([])), { instanceOf: BackendError });
  t.is(error?.code, 'E_UNSUPPORTED');
  t.truthy(error?.fix);
});

test('errno values map to backend error codes, with a fix for permissions', (t) => {
  const names = { errnoName: (n: number) => ({ 2: 'ENOENT', 13: 'EACCES', 1: 'EPERM', 16: 'EBUSY', 22: 'EINVAL' })[n] ?? `errno ${n}` };
  t.is(windowError(2, names, 'open', '/dev/gpiomem', 'gpiomem').code, 'E_NOT_FOUND');
  const denied = windowError(13, names, 'open', '/dev/gpiomem', 'gpiomem', 'sudo usermod -aG gpio $USER');
  t.is(denied.code, 'E_PERMISSION');
  t.is(denied.fix, 'sudo usermod -aG gpio $USER');
  t.is(denied.message, 'open /dev/gpiomem: EACCES (permission denied).');
  t.is(windowError(1, names, 'mmap', '/dev/mem', 'devmem').code, 'E_PERMISSION');
  t.regex(windowError(1, names, 'mmap', '/dev/mem', 'devmem').fix ?? '', /\/dev\/mem/);
  t.is(windowError(16, names, 'open', '/dev/mem', 'devmem').code, 'E_BUSY');
  t.is(windowError(22, names, 'mmap', '/dev/mem', 'devmem').code, 'E_MAP');
});

test('every window error carries a fix: a missing folder, a file that cannot be mapped', (t) => {
  const names: Record<number, string> = { 2: 'ENOENT', 5: 'EIO', 13: 'EACCES' };
  const libc = { errnoName: (errno: number) => names[errno] ?? `E${errno}` };
  const missing = windowError(2, libc, 'open', '/nope/w', 'file');
  t.is(missing.code, 'E_NOT_FOUND');
  t.regex(missing.fix ?? '', /Create the folder of \/nope\/w/);
  const unmappable = windowError(5, libc, 'mmap', '/proc/version', 'file');
  t.is(unmappable.code, 'E_MAP');
  t.regex(unmappable.fix ?? '', /regular file/);
  t.regex(windowError(5, libc, 'mmap', '/dev/gpiomem', 'gpiomem').fix ?? '', /pinseq doctor/);
  t.is(windowError(13, libc, 'open', '/dev/gpiomem', 'gpiomem', 'join the gpio group').fix, 'join the gpio group');
});
