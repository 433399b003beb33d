/**
 * Maps a register window (`/dev/gpiomem`, `/dev/mem` at a physical address, or a
 * regular file) into memory and views it as 32-bit words. Shared by the gpiomem,
 * devmem and file backends.
 *
 * The view aliases the mapping itself (koffi.view: an external ArrayBuffer, no copy),
 * so an element store *is* the register write. Mapping must happen in the thread that
 * uses it: posting the view to another thread silently copies it.
 *
 * Lifetime: the view is valid until {@link MappedWindow.unmap}. Touching a view after
 * unmap is a segmentation fault, so drop every reference to `regs` first; the
 * window's own `regs` turns into an empty array at unmap.
 */
import { fstatSync } from 'node:fs';
import { BackendError, type BackendErrorCode } from '../backend.js';
import { loadLibc, MAP_FAILED, MAP_SHARED, O_CLOEXEC, O_CREAT, O_RDWR, O_SYNC, PROT_READ, PROT_WRITE, type Libc } from '../ffi/libc.js';

/** A mapped register window. */
export interface MappedWindow {
  /** The window as 32-bit words (empty after unmap). */
  readonly regs: Uint32Array;
  /** Unmaps the window and closes the file. Idempotent; never throws. */
  unmap(): void;
}

/** Options of {@link mapWindow}. */
export interface MapWindowOptions {
  /** Create the file if missing and grow it to cover the window (regular files only). */
  readonly create?: boolean | undefined;
  /** Refuse anything but a regular file (the file: backend must not map devices). */
  readonly regularFileOnly?: boolean | undefined;
  /** The fix to suggest when access is denied (default: a sentence about the path's permissions). */
  readonly permissionFix?: string | undefined;
}

const PAGE = 4096;

/**
 * Opens `path`, maps `bytes` bytes from byte `offset` (page-aligned or not) read-write
 * and shared, and returns the words. Throws {@link BackendError}: E_NOT_FOUND when the
 * path does not exist, E_PERMISSION (with a fix) when open or mmap is refused,
 * E_UNSUPPORTED for a non-regular file under `regularFileOnly`, E_MAP for other failures.
 */
export function mapWindow(path: string, offset: number, bytes: number, backendName: string, options: MapWindowOptions = {}): MappedWindow {
  const libc = loadLibcFor(backendName);
  // O_SYNC: on /dev/mem the kernel then maps the registers uncached.
  const flags = O_RDWR | O_CLOEXEC | (options.create ? O_CREAT : O_SYNC);
  const fd = libc.open(path, flags, 0o644);
  if (fd < 0) throw windowError(libc.errno(), libc, 'open', path, backendName, options.permissionFix);
  try {
    prepareFile(fd, path, offset + bytes, backendName, options);
    const delta = offset % PAGE;
    const length = Math.ceil((delta + bytes) / PAGE) * PAGE;
    const address = libc.mmap(null, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset - delta);
    if (address === MAP_FAILED || address === null) throw windowError(libc.errno(), libc, 'mmap', path, backendName, options.permissionFix);
    return new Window(libc, fd, address, length, new Uint32Array(libc.view(address, length), delta, bytes >>> 2));
  } catch (error) {
    libc.close(fd);
    throw error;
  }
}

class Window implements MappedWindow {
  private view: Uint32Array;
  private mapped = true;

  constructor(
    private readonly libc: Libc,
    private readonly fd: number,
    private readonly address: bigint,
    private readonly length: number,
    view: Uint32Array,
  ) {
    this.view = view;
  }

  get regs(): Uint32Array {
    return this.view;
  }

  unmap(): void {
    if (!this.mapped) return;
    this.mapped = false;
    this.view = new Uint32Array(0);
    this.libc.munmap(this.address, this.length);
    this.libc.close(this.fd);
  }
}

function prepareFile(fd: number, path: string, needBytes: number, backendName: string, options: MapWindowOptions): void {
  if (!options.create && !options.regularFileOnly) return;
  const stat = fstatSync(fd);
  if (options.regularFileOnly && !stat.isFile()) {
    throw new BackendError('E_UNSUPPORTED', backendName, `${path} is not a regular file.`,
      'The file: backend maps regular files (or /dev/shm files); use the gpiomem or devmem backend for devices.');
  }
  // A mapping past the end of a file faults on access (SIGBUS), so grow a short file first.
  if (options.create && stat.size < needBytes) {
    const libc = loadLibcFor(backendName);
    if (libc.ftruncate(fd, needBytes) !== 0) throw windowError(libc.errno(), libc, 'ftruncate', path, backendName, options.permissionFix);
  }
}

function loadLibcFor(backendName: string): Libc {
  try {
    return loadLibc();
  } catch (error) {
    throw new BackendError('E_UNSUPPORTED', backendName, `Cannot load libc through koffi: ${(error as Error).message}`,
      'Run on Linux with the koffi package installed for this platform.');
  }
}

/**
 * The BackendError for a failed `open`/`mmap`/`ftruncate` of a window, by errno:
 * ENOENT → E_NOT_FOUND, EACCES/EPERM → E_PERMISSION, EBUSY → E_BUSY, else E_MAP.
 */
export function windowError(errno: number, libc: Pick<Libc, 'errnoName'>, call: string, path: string, backendName: string, permissionFix?: string): BackendError {
  const name = libc.errnoName(errno);
  const what = `${call} ${path}: ${name}`;
  const code: BackendErrorCode = name === 'ENOENT' ? 'E_NOT_FOUND'
    : name === 'EACCES' || name === 'EPERM' ? 'E_PERMISSION'
      : name === 'EBUSY' ? 'E_BUSY'
        : 'E_MAP';
  switch (code) {
    case 'E_NOT_FOUND':
      return new BackendError(code, backendName, `${what} (no such file or device).`);
    case 'E_PERMISSION':
      return new BackendError(code, backendName, `${what} (permission denied).`,
        permissionFix ?? `Give this user read and write access to ${path}, or run as a user who has it.`);
    default:
      return new BackendError(code, backendName, `${what}.`);
  }
}
