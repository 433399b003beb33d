/**
 * The pins this process's runs hold, per register window, so two runs claiming the same
 * pin in one process are refused (E_PIN_BUSY) instead of fighting over it. A run claims
 * every pin its program may touch (`program.pins`) when it starts and releases them when
 * it has ended, its exit block has run and its backend is closed.
 *
 * Which runs share a window: `file:PATH` runs on the same file (by real path); `gpiomem`,
 * `devmem` and `sysfs` runs, which all reach the SoC's own GPIO block; `chardev` runs on
 * the same gpiochip; runs given the same backend object (a test's SimBackend board). A
 * `sim` spec gives each run a board of its own, so those claim nothing. The
 * registry lives in the thread that starts runs (the host of `startRun`, or the caller of
 * `runInline`): runs started from different worker threads do not see each other's
 * claims, and other processes are the kernel's business (a gpiochip line can have one
 * owner; an mmap window has no owner at all).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Backend, BackendSpec } from '../backends/backend.js';
import type { Program } from '../program/program.js';
import type { RunError } from './runResult.js';

/** The pins one run holds; `release()` gives them back (idempotent). */
export interface PinClaim {
  /** Adds the pins of `program` (a hot-reload replacement); an error, and nothing claimed, when one is taken. */
  extend(program: Program): RunError | undefined;
  release(): void;
}

let objectCount = 0;

/** Pins held per window key, each by the claim that holds it. */
const held = new Map<string, Map<number, object>>();

/** Backend objects (a test's SimBackend, a fake chip) are windows of their own, told apart by identity. */
const objectKeys = new WeakMap<Backend, string>();

/** The window a run on `backend` writes, or undefined for a simulator spec (each run gets its own board). */
export function windowKeyOf(backend: BackendSpec | Backend): string | undefined {
  if ('open' in backend) {
    let key = objectKeys.get(backend);
    if (key === undefined) objectKeys.set(backend, (key = `${backend.name} backend #${++objectCount}`));
    return key;
  }
  switch (backend.kind) {
    case 'sim':
      return undefined;
    case 'file':
      return `file:${realPath(backend.path)}`;
    case 'chardev':
      return `chardev:${realPath(backend.path)}`;
    case 'sysfs':
      // A tree other than /sys/class/gpio is a test's stand-in, with pins of its own.
      if (backend.root !== undefined && backend.root.replace(/\/+$/, '') !== '/sys/class/gpio') return `sysfs:${realPath(backend.root)}`;
      return 'the SoC GPIO block';
    case 'gpiomem':
    case 'devmem':
      // Three doors into the same pins (with sysfs): the SoC's GPIO block.
      return 'the SoC GPIO block';
  }
}

/** The real path of `path`, or of its folder when the file does not exist yet (a file window is created on open). */
function realPath(path: string): string {
  for (const [target, rest] of [[path, ''], [dirname(resolve(path)), basename(path)]] as const) {
    try {
      return rest ? join(realpathSync(target), rest) : realpathSync(target);
    } catch {
      // Try the next, then fall back to the path as given.
    }
  }
  return resolve(path);
}

/**
 * Claims every pin of `program` on the window `key` (undefined: nothing to claim). Returns
 * the claim, or an E_PIN_BUSY run error naming the first pin another run holds.
 */
export function claimPins(key: string | undefined, program: Program): PinClaim | RunError {
  const owner = {};
  const mine: number[] = [];
  const take = (next: Program): RunError | undefined => {
    if (key === undefined || !Array.isArray(next.pins)) return undefined;
    const window = held.get(key) ?? new Map<number, object>();
    const busy = next.pins.find((pin) => window.has(pin) && window.get(pin) !== owner);
    if (busy !== undefined) return pinBusy(busy, key);
    held.set(key, window);
    for (const pin of next.pins) {
      if (window.has(pin)) continue;
      window.set(pin, owner);
      mine.push(pin);
    }
    return undefined;
  };
  const error = take(program);
  if (error) return error;
  return {
    extend: take,
    release: () => {
      const window = key === undefined ? undefined : held.get(key);
      for (const pin of mine.splice(0)) if (window?.get(pin) === owner) window.delete(pin);
      if (window?.size === 0) held.delete(key!);
    },
  };
}

/** True when `claim` is a run error rather than a claim. */
export function isClaimRefused(claim: PinClaim | RunError): claim is RunError {
  return 'code' in claim;
}

function pinBusy(pin: number, key: string): RunError {
  return {
    code: 'E_PIN_BUSY',
    message: `GPIO ${pin} is already in use by another run in this process (${key}).`,
    pc: -1,
    fix: 'Stop the other run first, or give this script other pins.',
  };
}
