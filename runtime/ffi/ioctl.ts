/**
 * The `ioctl(2)` system call through koffi, for the GPIO character device.
 *
 * The argument is always a raw `Buffer` whose bytes the caller laid out with explicit
 * offsets (runtime/backends/chardev/chardevEncoding.ts), passed through a fixed `void *`
 * prototype: measured on this project's machine at ~370 ns per call against ~1 µs for
 * koffi struct marshalling or a variadic prototype (reference/node-measurements.md §2).
 * The kernel reads and writes the Buffer's memory in place.
 */
import koffi from 'koffi';

/**
 * Something that performs ioctls: the real system call, or a fake kernel in tests.
 * `call` returns the ioctl's result (-1 on failure, then `errno()` says why) and must
 * not allocate, so the chardev backend can call it once per instant.
 */
export interface IoctlCaller {
  call(fd: number, request: number, arg: Buffer): number;
  /** The `errno` left by the last failed `call` on this thread. */
  errno(): number;
}

let systemIoctl: IoctlCaller | undefined;

/**
 * Returns the process's ioctl binding, loading libc through koffi on first use.
 * Throws when libc cannot be loaded (not Linux); callers turn that into a BackendError.
 */
export function loadIoctl(): IoctlCaller {
  if (systemIoctl) return systemIoctl;
  const libc = koffi.load('libc.so.6');
  // `unsigned long request`: the GPIO ioctl numbers have bit 31 set, so they must not go through a signed int.
  const ioctl = libc.func('int ioctl(int fd, unsigned long request, void *arg)') as (fd: number, request: number, arg: Buffer) => number;
  systemIoctl = {
    call: ioctl,
    errno: () => koffi.errno(),
  };
  return systemIoctl;
}
