/**
 * The few libc calls the runtime needs, through koffi: `open`, `close`, `ftruncate`,
 * `lseek`, `mmap`, `munmap` for register windows, `clock_gettime` for a clock that does not
 * allocate, and `prctl` for the thread's timer slack. This is the runtime's only koffi
 * import apart from the ioctl binding (runtime/ffi/ioctl.ts).
 *
 * koffi is loaded on first use, not at import, so a virtual-clock simulator run works
 * on a machine where the native module cannot load; {@link loadLibc} throws there.
 * Bindings are per thread: each worker loads its own.
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

// Flag values from the asm-generic headers, identical on x86-64, arm and arm64.
/** `open(2)` O_RDWR (asm-generic/fcntl.h). */
export const O_RDWR = 0o2;
/** `open(2)` O_CREAT: create a missing file (asm-generic/fcntl.h). */
export const O_CREAT = 0o100;
/** `open(2)` O_SYNC: uncached access when mapping `/dev/mem` (the kernel maps it non-cacheable). */
export const O_SYNC = 0o4010000;
/** `open(2)` O_CLOEXEC: no leaking the fd into child processes (asm-generic/fcntl.h). */
export const O_CLOEXEC = 0o2000000;
/** `mmap(2)` PROT_READ (asm-generic/mman-common.h). */
export const PROT_READ = 0x1;
/** `mmap(2)` PROT_WRITE (asm-generic/mman-common.h). */
export const PROT_WRITE = 0x2;
/** `mmap(2)` MAP_SHARED: stores reach the file or device (asm-generic/mman-common.h). */
export const MAP_SHARED = 0x01;
/** `mmap(2)` MAP_PRIVATE: copy-on-write, nothing reaches a file (asm-generic/mman-common.h). */
export const MAP_PRIVATE = 0x02;
/** `mmap(2)` MAP_FIXED: replace whatever is mapped at the given address (asm-generic/mman-common.h). */
export const MAP_FIXED = 0x10;
/** `mmap(2)` MAP_ANONYMOUS: zeroed memory backed by no file (asm-generic/mman-common.h; 0x800 on mips, which Node does not run on here). */
export const MAP_ANONYMOUS = 0x20;
/** `lseek(2)` SEEK_END: the offset is relative to the end of the file (unistd.h). */
export const SEEK_END = 2;
/** `clock_gettime(2)` clock id of CLOCK_MONOTONIC (linux/time.h). */
export const CLOCK_MONOTONIC = 1;
/** `prctl(2)` PR_SET_TIMERSLACK: set the calling thread's timer slack in ns (linux/prctl.h). */
export const PR_SET_TIMERSLACK = 29;
/** `prctl(2)` PR_GET_TIMERSLACK: the calling thread's timer slack, as the return value (linux/prctl.h). */
export const PR_GET_TIMERSLACK = 30;

/** The libc functions the runtime calls. Pointers are BigInt in koffi 3. */
export interface Libc {
  open(path: string, flags: number, mode: number): number;
  close(fd: number): number;
  ftruncate(fd: number, length: number): number;
  /** Returns the mapping's address, or {@link MAP_FAILED}. `addr` is only given with MAP_FIXED. */
  mmap(addr: bigint | null, length: number, prot: number, flags: number, fd: number, offset: number): bigint;
  munmap(addr: bigint, length: number): number;
  /** Moves the file offset; with SEEK_END and 0 it returns the file's size (-1 on failure). */
  lseek(fd: number, offset: number, whence: number): number;
  prctl(option: number, arg2: number, arg3: number, arg4: number, arg5: number): number;
  /** `errno` as left by the last failed call on this thread. */
  errno(): number;
  /** The symbolic name of an errno value (`EACCES`), or `errno N`. */
  errnoName(errno: number): string;
  /** An external ArrayBuffer aliasing `length` bytes at `address` (no copy). */
  view(address: bigint, length: number): ArrayBuffer;
  /**
   * Reads CLOCK_MONOTONIC into {@link Libc.monotonic} without allocating: one
   * `struct timespec` per thread, outside the JS heap.
   */
  readMonotonic(): void;
  /**
   * The `struct timespec` {@link Libc.readMonotonic} fills, as int32 words: seconds
   * (low, high), nanoseconds (low, high). Little-endian hosts only, like the rest of koffi use here.
   */
  readonly monotonic: Int32Array;
}

/** What `mmap` returns on failure: `(void *) -1`. */
export const MAP_FAILED = 0xffff_ffff_ffff_ffffn;

let loaded: Libc | undefined;

/**
 * Loads libc through koffi on first use and returns its bindings. Throws an Error
 * saying why when koffi or libc cannot be loaded (a platform without koffi binaries,
 * or not Linux).
 */
export function loadLibc(): Libc {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof Koffi;
  const lib = openLibc(koffi);
  const clockGettime = lib.func('int clock_gettime(int clk, void *ts)') as (clk: number, ts: unknown) => number;
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(koffi.os.errno)) if (!names.has(value)) names.set(value, name);
  // Allocated once per thread and never freed: 16 bytes the clock reads on every wait.
  const timespec: unknown = koffi.alloc('int64_t', 2);
  loaded = {
    open: lib.func('int open(const char *path, int flags, uint32_t mode)') as Libc['open'],
    close: lib.func('int close(int fd)') as Libc['close'],
    ftruncate: lib.func('int ftruncate(int fd, int64_t length)') as Libc['ftruncate'],
    mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)') as Libc['mmap'],
    munmap: lib.func('int munmap(void *addr, size_t length)') as Libc['munmap'],
    // 64-bit off_t, like ftruncate above (the LP64 ABIs Node runs on here).
    lseek: lib.func('int64_t lseek(int fd, int64_t offset, int whence)') as Libc['lseek'],
    // prctl is variadic in glibc; integer varargs travel in the same registers as fixed
    // arguments on the ABIs Node runs on, so a fixed five-argument prototype is exact.
    prctl: lib.func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)') as Libc['prctl'],
    errno: () => koffi.errno(),
    errnoName: (errno) => names.get(errno) ?? `errno ${errno}`,
    view: (address, length) => koffi.view(address, length),
    readMonotonic: () => {
      clockGettime(CLOCK_MONOTONIC, timespec);
    },
    monotonic: new Int32Array(koffi.view(timespec, 16)),
  };
  return loaded;
}

function openLibc(koffi: typeof Koffi): Koffi.LibraryHandle {
  try {
    return koffi.load('libc.so.6');
  } catch {
    // musl and other libcs: the process image itself exports the libc symbols.
    return koffi.load(null);
  }
}
