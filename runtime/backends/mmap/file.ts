/**
 * The `file:PATH` backend: a regular file (or a /dev/shm file) mmapped as the chip's
 * register window. The executor's stores land in the file exactly as they would land
 * in `/dev/gpiomem`, so this is how the real mmap path is exercised without hardware.
 *
 * The file is created when missing and grown to `layout.windowBytes` when shorter
 * (mapping past its end would fault); a longer file is left as it is. Reads of GPLEV
 * return whatever the file holds: nothing models the pins.
 *
 * Another process may truncate the file during the run. `failure()` checks for that (the
 * session runner asks after every sleep, before the next instant's stores): the window
 * is detached from the file so no store can fault (SIGBUS), and the run stops with
 * E_BACKEND. A truncation in the microseconds between that check and a store, or
 * during a burst of instants with no sleep between them, is not covered: the kernel
 * gives a regular file no way to refuse it.
 */
import type { Backend, BackendSession, BackendSpec } from '../backend.js';
import type { Program } from '../../program/program.js';
import { mapWindow } from './mmapWindow.js';

/** A backend that maps the file named by `spec.path`. */
export function fileBackend(spec: Extract<BackendSpec, { kind: 'file' }>): Backend {
  return {
    name: 'file',
    open(program: Program): BackendSession {
      const window = mapWindow(spec.path, 0, program.layout.windowBytes, 'file', { create: true, regularFileOnly: true });
      return {
        name: 'file',
        get regs() {
          return window.regs;
        },
        // The stores are the effect, and reads of the mapping are live.
        flush: null,
        refresh: null,
        close: () => window.unmap(),
        failure: () => window.lost?.(),
      };
    },
  };
}
