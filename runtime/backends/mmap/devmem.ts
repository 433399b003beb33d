/**
 * The `devmem` backend: `/dev/mem` mapped at the GPIO block's physical address. Needs
 * root, and a kernel that lets user space map I/O memory a driver has claimed: with
 * CONFIG_STRICT_DEVMEM and CONFIG_IO_STRICT_DEVMEM (the Raspberry Pi OS default) the
 * mmap is refused unless the kernel was booted with `iomem=relaxed`. Prefer gpiomem.
 *
 * The address: `spec.base` when given, else the device tree's `soc/ranges` (how the
 * bcm2835 library finds it), else the chip layout's `physicalBase`.
 */
import { join } from 'node:path';
import { BackendError, type Backend, type BackendSession, type BackendSpec } from '../backend.js';
import { boardMismatch, detectBoard } from '../../detect/board.js';
import type { Program } from '../../program/program.js';
import { checkWindowFits, windowSession, type WindowDeps } from './gpiomem.js';
import { mapWindow } from './mmapWindow.js';

/** Why /dev/mem refuses, and what to do: used for EPERM and EACCES alike. */
export const DEVMEM_PERMISSION_FIX =
  'run as root (sudo); if root is refused too, the kernel has CONFIG_STRICT_DEVMEM/CONFIG_IO_STRICT_DEVMEM: add iomem=relaxed to the kernel command line (/boot/firmware/cmdline.txt) and reboot, or use --backend gpiomem, which needs neither';

const SYSTEM: WindowDeps = { mapWindow, root: '/' };

/** The devmem backend (`spec.path` defaults to /dev/mem). */
export function devmemBackend(spec: Extract<BackendSpec, { kind: 'devmem' }>, deps: WindowDeps = SYSTEM): Backend {
  return {
    name: 'devmem',
    open(program: Program): BackendSession {
      checkWindowFits(program, 'devmem');
      const board = detectBoard(deps.root);
      const mismatch = boardMismatch(board, program.chip, 'devmem');
      if (mismatch) throw mismatch;
      const base = spec.base ?? board.gpioPhysicalBase ?? program.layout.physicalBase;
      if (base === undefined) {
        throw new BackendError('E_UNSUPPORTED', 'devmem', `neither the device tree nor the ${program.chip} register map gives the GPIO block's physical address`, 'pass the address with --backend devmem:0xADDRESS, or use chardev');
      }
      const path = spec.path ?? join(deps.root, 'dev/mem');
      try {
        const window = deps.mapWindow(path, base, program.layout.windowBytes, 'devmem', { permissionFix: DEVMEM_PERMISSION_FIX });
        return windowSession('devmem', window);
      } catch (error) {
        if (error instanceof BackendError && error.code === 'E_PERMISSION') {
          throw new BackendError('E_PERMISSION', 'devmem', `${path} refused to map the GPIO block at 0x${base.toString(16)} (${error.message.replace(/\.$/, '')}); /dev/mem needs root and, under CONFIG_STRICT_DEVMEM, iomem=relaxed`, DEVMEM_PERMISSION_FIX);
        }
        if (error instanceof BackendError && error.code === 'E_NOT_FOUND') {
          throw new BackendError('E_NOT_FOUND', 'devmem', `${path} does not exist: this kernel has no /dev/mem (CONFIG_DEVMEM is off)`, 'use --backend chardev or gpiomem');
        }
        throw error;
      }
    },
  };
}
