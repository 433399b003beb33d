/**
 * How the detector looks at the machine: a root directory to read `/dev`, `/proc`,
 * `/sys`, `/etc` and `/boot` under, and who the process is. The real machine by default;
 * tests pass a fixture tree and a made-up user (as root, access(2) would allow everything).
 */
import { accessSync, constants } from 'node:fs';
import { release, userInfo } from 'node:os';
import { join } from 'node:path';

/** The machine as the detector sees it. */
export interface MachineAccess {
  /** Directory the system paths are read under (`/`). */
  readonly root: string;
  /** Effective user id (0 = root). */
  readonly uid: number;
  /** The user's name, for /etc/group membership. */
  readonly userName: string;
  /** The process's group ids: what it can use now (a group added since login is not here yet). */
  readonly gids: readonly number[];
  /** `uname -r`, to find /boot/config-RELEASE. */
  readonly kernelRelease: string;
  /** access(2) with R_OK|W_OK on a path under `root`. */
  canReadWrite(path: string): boolean;
}

/** This process on this machine, with system paths read under `root`. */
export function systemAccess(root = '/'): MachineAccess {
  let userName = '';
  try {
    userName = userInfo().username;
  } catch {
    // No passwd entry (some containers): membership by name cannot be checked.
  }
  return {
    root,
    uid: process.getuid?.() ?? -1,
    userName,
    gids: process.getgroups?.() ?? [],
    kernelRelease: release(),
    canReadWrite(path) {
      try {
        accessSync(path, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A system path (`dev/gpiomem`) under the machine's root. */
export function machinePath(machine: MachineAccess, path: string): string {
  return join(machine.root, path);
}
