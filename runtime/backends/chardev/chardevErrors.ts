/**
 * The chardev backend's failures as BackendErrors a person can act on: which device,
 * what the kernel said, and the fix.
 */
import { constants } from 'node:os';
import { BackendError } from '../backend.js';

const { EACCES, EPERM, ENOENT, ENODEV, ENXIO, EBUSY, ENOTTY } = constants.errno;

/** The fix for a device node this user may not open. */
export const CHARDEV_PERMISSION_FIX =
  'add yourself to the gpio group (sudo usermod -aG gpio $USER, then log in again), or give that group read/write on /dev/gpiochip* with a udev rule';

/** Turns a failure to open `/dev/gpiochipN` (a Node fs error) into a BackendError. */
export function chardevOpenError(path: string, error: unknown): BackendError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') {
    return new BackendError('E_NOT_FOUND', 'chardev', `${path} does not exist`, 'list the GPIO chips with `ls /dev/gpiochip*` and pass one with --backend chardev:PATH; `pinseq doctor` shows what this machine offers');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new BackendError('E_PERMISSION', 'chardev', `no permission to open ${path}`, CHARDEV_PERMISSION_FIX);
  }
  return new BackendError('E_IO', 'chardev', `cannot open ${path}: ${(error as Error | undefined)?.message ?? String(error)}`);
}

/** Turns a failed ioctl (`what` names it for the message) into a BackendError. */
export function chardevIoctlError(path: string, what: string, errno: number): BackendError {
  if (errno === ENOTTY) {
    return new BackendError('E_UNSUPPORTED', 'chardev', `${path} is not a GPIO character device (${what}: ENOTTY)`, 'pass a /dev/gpiochipN device');
  }
  if (errno === EBUSY) {
    return new BackendError('E_BUSY', 'chardev', `${what}: a line is already requested by another program or driver (EBUSY)`, 'stop the other user of the line (`gpioinfo` names it), or leave that pin out of the script');
  }
  if (errno === EACCES || errno === EPERM) {
    return new BackendError('E_PERMISSION', 'chardev', `${what} on ${path} was refused (${errno === EPERM ? 'EPERM' : 'EACCES'})`, CHARDEV_PERMISSION_FIX);
  }
  if (errno === ENOENT || errno === ENODEV || errno === ENXIO) {
    return new BackendError('E_NOT_FOUND', 'chardev', `${what}: the GPIO chip ${path} went away (errno ${errno})`);
  }
  return new BackendError('E_IO', 'chardev', `${what} on ${path} failed with errno ${errno}`);
}
