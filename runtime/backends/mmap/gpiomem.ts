/**
 * The `gpiomem` backend: `/dev/gpiomem`, the Raspberry Pi kernel's window onto just the
 * GPIO block (Pi 0–4), mapped at offset 0. It needs membership of the `gpio` group, not
 * root. The executor's stores land in the mapping: they are the register writes.
 *
 * The Pi 5 has `/dev/gpiomem0` instead, onto the RP1's GPIO block; pinseq has no RP1
 * register map yet, so that is refused with the way round (chardev).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BackendError, type Backend, type BackendSession, type BackendSpec } from '../backend.js';
import { boardMismatch, detectBoard } from '../../detect/board.js';
import type { Program } from '../../program/program.js';
import { mapWindow, type MappedWindow } from './mmapWindow.js';

/** The fix for a `/dev/gpiomem` this user may not open. */
export const GPIOMEM_PERMISSION_FIX =
  'add yourself to the gpio group (sudo usermod -aG gpio $USER, then log in again); Raspberry Pi OS gives that group /dev/gpiomem';

/** What gpiomem and devmem need from the machine; tests substitute both. */
export interface WindowDeps {
  /** Maps a register window (runtime/backends/mmap/mmapWindow.ts). */
  readonly mapWindow: typeof mapWindow;
  /** The directory `/dev` and `/proc` are read under (`/`). */
  readonly root: string;
}

const SYSTEM: WindowDeps = { mapWindow, root: '/' };

/** The gpiomem backend (`spec.path` defaults to /dev/gpiomem). */
export function gpiomemBackend(spec: Extract<BackendSpec, { kind: 'gpiomem' }>, deps: WindowDeps = SYSTEM): Backend {
  return {
    name: 'gpiomem',
    open(program: Program): BackendSession {
      const defaultPath = join(deps.root, 'dev/gpiomem');
      const path = spec.path ?? defaultPath;
      if (/gpiomem\d+$/.test(path) || (spec.path === undefined && !existsSync(defaultPath) && existsSync(join(deps.root, 'dev/gpiomem0')))) {
        throw new BackendError(
          'E_UNSUPPORTED',
          'gpiomem',
          `${path.replace(/gpiomem$/, 'gpiomem0')} is the Raspberry Pi 5's RP1 GPIO window, and pinseq has no RP1 register map yet`,
          'use --backend chardev:/dev/gpiochip0 on a Pi 5',
        );
      }
      checkWindowFits(program, 'gpiomem');
      const mismatch = boardMismatch(detectBoard(deps.root), program.chip, 'gpiomem');
      if (mismatch) throw mismatch;
      const window = mapOrExplain(() => deps.mapWindow(path, 0, program.layout.windowBytes, 'gpiomem', { permissionFix: GPIOMEM_PERMISSION_FIX }), path);
      return windowSession('gpiomem', window);
    },
  };
}

/** Refuses layouts this backend's window cannot hold (a BCM GPIO block is one 4 KiB page). */
export function checkWindowFits(program: Program, backendName: string): void {
  if (program.layout.family !== 'bcm2835') {
    throw new BackendError('E_UNSUPPORTED', backendName, `the ${backendName} backend maps BCM GPIO blocks; this program's registers are ${program.layout.family}`);
  }
  if (program.layout.windowBytes > 4096) {
    throw new BackendError('E_UNSUPPORTED', backendName, `the program's register window is ${program.layout.windowBytes} bytes; a BCM GPIO block is 4096`);
  }
}

/** A session whose stores are the effect: no flush, live reads; `regs` is empty once closed. */
export function windowSession(name: string, window: MappedWindow): BackendSession {
  return {
    name,
    get regs() {
      return window.regs;
    },
    flush: null,
    refresh: null,
    close: () => window.unmap(),
  };
}

function mapOrExplain<T>(map: () => T, path: string): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof BackendError && error.code === 'E_NOT_FOUND') {
      throw new BackendError('E_NOT_FOUND', 'gpiomem', `${path} does not exist: this is not a Raspberry Pi 0–4 kernel`, 'use --backend chardev (any Linux board) or devmem (root); `pinseq doctor` shows what this machine offers');
    }
    throw error;
  }
}
