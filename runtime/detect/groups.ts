/**
 * Group membership for device access: is the user in `gpio` (which Raspberry Pi OS's
 * udev rules give /dev/gpiomem, /dev/gpiochip* and /sys/class/gpio), and does this
 * login session have it yet.
 */
import { readFileSync } from 'node:fs';
import { machinePath, type MachineAccess } from './machineAccess.js';

/** What /etc/group and the process say about one group. */
export interface GroupMembership {
  /** The group exists in /etc/group. */
  readonly exists: boolean;
  /** The user is listed as a member (or has it as primary group: the process has its gid). */
  readonly listed: boolean;
  /** The process has the group's gid now. */
  readonly active: boolean;
}

/** Looks `name` up in the machine's /etc/group and the process's groups. */
export function groupMembership(machine: MachineAccess, name: string): GroupMembership {
  let text = '';
  try {
    text = readFileSync(machinePath(machine, 'etc/group'), 'utf8');
  } catch {
    return { exists: false, listed: false, active: false };
  }
  for (const line of text.split('\n')) {
    const [groupName, , gidText, members = ''] = line.split(':');
    if (groupName !== name || gidText === undefined) continue;
    const active = machine.gids.includes(Number(gidText));
    const listed = active || members.split(',').map((m) => m.trim()).includes(machine.userName);
    return { exists: true, listed, active };
  }
  return { exists: false, listed: false, active: false };
}

/**
 * Why a user without read/write access to `device` lacks it, and the fix, as
 * `{ reason, fix }` sentences for doctor.
 */
export function deviceAccessAdvice(machine: MachineAccess, device: string): { reason: string; fix: string } {
  const gpio = groupMembership(machine, 'gpio');
  if (machine.uid === 0) return { reason: `${device} is not readable and writable even for root`, fix: `check its mode: ls -l ${device}` };
  if (gpio.exists && !gpio.listed) {
    return { reason: `no read/write access to ${device}, and you are not in the gpio group`, fix: 'sudo usermod -aG gpio $USER, then log out and in again' };
  }
  if (gpio.listed && !gpio.active) {
    return { reason: `no read/write access to ${device}: you were added to the gpio group after this session started`, fix: 'log out and in again (or run `newgrp gpio`)' };
  }
  if (!gpio.exists) {
    return { reason: `no read/write access to ${device}, and there is no gpio group`, fix: `create one and a udev rule giving it ${device} (sudo groupadd gpio; SUBSYSTEM=="gpio", GROUP="gpio", MODE="0660"), or run as root` };
  }
  return { reason: `no read/write access to ${device} although you are in the gpio group`, fix: `give the gpio group read/write on ${device} with a udev rule (GROUP="gpio", MODE="0660")` };
}
