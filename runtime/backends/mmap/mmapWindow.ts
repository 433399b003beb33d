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
 *
 * A regular file can shrink under the mapping (another process truncates it); touching a
 * page past the new end is SIGBUS, which kills the process with the pins as they were.
 * Node cannot catch SIGBUS, so {@link MappedWindow.lost} checks the size instead (one
 * `lseek`), and when the file has shrunk puts anonymous memory at the same address: the
 * views stay valid, stores land nowhere, and nothing can fault any more.
 */
import { fstatSync } from 'node:fs';
import { BackendError, type BackendErrorCode } from '../backend.js';
import { loadLibc, MAP_ANONYMOUS, MAP_FAILED, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, O_CLOEXEC, O_CREAT, O_RDWR, O_SYNC, PROT_READ, PROT_WRITE, SEEK_END, type Libc } from '../../ffi/libc.js';

/** A mapped register window. */
export interface MappedWindow {
  /** The window as 32-bit words (empty after unmap). */
  readonly regs: Uint32Array;
  /** Unmaps the window and closes the file. Idempotent; never throws. */
  unmap(): void;
  /**
   * For a regular file: checks that it still covers the window. When it has shrunk,
   * detaches the window from it (see the module comment) and returns why; from then on
   * every call returns the same error. Devices cannot shrink: always undefined for them.
   * One syscall, no allocation while the file is intact. Optional so test doubles need not have it.
   */
  lost?(): BackendError | undefined;
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
    const regularFile = prepareFile(fd, path, offset + bytes, backendName, options);
    const delta = offset % PAGE;
    const length = Math.ceil((delta + bytes) / PAGE) * PAGE;
    const address = libc.mmap(null, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset - delta);
    if (address === MAP_FAILED || address === null) throw windowError(libc.errno(), libc, 'mmap', path, backendName, options.permissionFix);
    const file = regularFile ? { path, needBytes: offset + bytes, backendName } : null;
    return new Window(libc, fd, address, length, new Uint32Array(libc.view(address, length), delta, bytes >>> 2), file);
  } catch (error) {
    libc.close(fd);
    throw error;
  }
}

/** What a window mapped from a regular file needs to notice the file shrinking. */
interface WindowFile {
  readonly path: string;
  /** Bytes of the file the window covers (offset + size). */
  readonly needBytes: number;
  readonly backendName: string;
}

class Window implements MappedWindow {
  private view: Uint32Array;
  private mapped = true;
  private lostError: BackendError | undefined;

  constructor(
    private readonly libc: Libc,
    private readonly fd: number,
    private readonly address: bigint,
    private readonly length: number,
    view: Uint32Array,
    private readonly file: WindowFile | null,
  ) {
    this.view = view;
  }

  lost(): BackendError | undefined {
    if (this.lostError !== undefined || this.file === null || !this.mapped) return this.lostError;
    const size = this.libc.lseek(this.fd, 0, SEEK_END);
    // A failed lseek (-1) says nothing about the size: keep the mapping.
    if (size < 0 || size >= this.file.needBytes) return undefined;
    const { path, needBytes, backendName } = this.file;
    // Same address, same length: the typed arrays over the old mapping now see this instead.
    const detached = this.libc.mmap(this.address, this.length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) === this.address;
    this.lostError = new BackendError('E_BACKEND', backendName,
      `${path} shrank to ${size} bytes while mapped as the register window (${needBytes} needed), so the run stopped`
      + (detached ? '; writes since then, the on exit block\'s and the function-select restore\'s included, did not reach the file.' : ', and the window could not be detached from it.'),
      'Nothing else may truncate or rewrite a window file while a run uses it; run again to start from a whole window.');
    return this.lostError;
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

/** Checks and grows the file as `options` ask; returns whether it is a regular file (only those can shrink under a mapping). */
function prepareFile(fd: number, path: string, needBytes: number, backendName: string, options: MapWindowOptions): boolean {
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
  return stat.isFile();
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
      return new BackendError(code, backendName, `${what} (no such file or device).`,
        backendName === 'file' ? `Create the folder of ${path} (the window file itself is created), or pick a path under /dev/shm.` : `Check that ${path} exists on this machine: \`pinseq doctor\` lists the usable backends.`);
    case 'E_PERMISSION':
      return new BackendError(code, backendName, `${what} (permission denied).`,
        permissionFix ?? `Give this user read and write access to ${path}, or run as a user who has it.`);
    default:
      return new BackendError(code, backendName, `${what}.`,
        backendName === 'file' ? `Use a regular file that can be mapped read/write, such as one under /dev/shm or /tmp.` : `Run \`pinseq doctor\` to see why this machine refuses the mapping.`);
  }
}
