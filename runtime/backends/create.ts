/**
 * Turns a {@link BackendSpec} (plain data, so it can cross into the worker) into a
 * {@link Backend}. Called inside the thread that runs the program: mmap backends must
 * map there. `auto` is not a spec: the host resolves it before a run.
 */
import type { Backend, BackendSpec } from './backend.js';
import type { Clock } from '../clock/clock.js';
import { chardevBackend } from './chardev/chardev.js';
import { devmemBackend } from './mmap/devmem.js';
import { fileBackend } from './mmap/file.js';
import { gpiomemBackend } from './mmap/gpiomem.js';
import { SimBackend } from './sim/simBackend.js';
import { sysfsBackend } from './sysfs/sysfs.js';

/** The backend for `spec`. `clock` is the run's clock; the simulator stamps real-time edges with it. */
export function createBackend(spec: BackendSpec, clock: Clock): Backend {
  switch (spec.kind) {
    case 'sim':
      return new SimBackend(spec, clock);
    case 'file':
      return fileBackend(spec);
    case 'gpiomem':
      return gpiomemBackend(spec);
    case 'devmem':
      return devmemBackend(spec);
    case 'chardev':
      return chardevBackend(spec);
    case 'sysfs':
      return sysfsBackend(spec);
  }
}
