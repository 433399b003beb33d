/**
 * The backend contract: what a place programs run (a register window, a gpiochip,
 * sysfs, the simulator) must provide to the executor. Written for backend authors.
 *
 * The executor plays a program by storing 32-bit values into `session.regs`, a view of
 * the chip's register window laid out as `program.layout` says. For mmap backends those
 * stores *are* the effect. Backends that are not a register window (sim, chardev, sysfs)
 * hand out an ordinary buffer and realise what was stored in `flush`, once per instant.
 *
 * Backends run inside the executor's worker thread; they are created there from a
 * {@link BackendSpec}, which is plain data so it can cross threads.
 */
import type { Program } from '../program/program.js';

/** Scheduled input level for the simulator: pin `pin` reads `level` from `atNs` after the run starts. */
export interface SimInput {
  readonly atNs: number;
  readonly pin: number;
  readonly level: 0 | 1;
}

/** Where to run, as plain data. */
export type BackendSpec =
  | {
      readonly kind: 'sim';
      /** `real` (default): waits take wall time. `virtual`: waits are free and time is the schedule. */
      readonly clock?: 'real' | 'virtual' | undefined;
      /** Input levels over time, for `wait until` and reads. */
      readonly inputs?: readonly SimInput[] | undefined;
    }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'gpiomem'; readonly path?: string | undefined }
  | { readonly kind: 'devmem'; readonly path?: string | undefined; readonly base?: number | undefined }
  | { readonly kind: 'chardev'; readonly path: string }
  | { readonly kind: 'sysfs'; readonly root?: string | undefined };

/** The backend names of SPEC §3 (plus `auto`, resolved by the host before a run). */
export type BackendName = BackendSpec['kind'] | 'auto';

/**
 * An open backend, bound to one program for one run.
 *
 * Lifetime: created by {@link Backend.open} before the first op; released by `close()`
 * after the exit block and the function-select restore have run. The executor drops
 * every reference to `regs` before calling `close()`.
 */
export interface BackendSession {
  /** The backend's name, for messages. */
  readonly name: string;
  /**
   * The register window, `program.layout.windowBytes / 4` words.
   * mmap backends must return a view of the mapping itself (no copy); others an
   * ordinary buffer whose function-select and level words they keep meaningful.
   */
  readonly regs: Uint32Array;
  /**
   * Realises the stores of the instant that just ended, at schedule time `nowNs`.
   * `null` when the stores are the effect (mmap). Implementations must not allocate,
   * await or throw on the hot path; a failure is recorded and reported by `close()`.
   * Write-only registers (SET/CLEAR) may be zeroed afterwards, as hardware reads them as 0.
   */
  readonly flush: ((nowNs: number) => void) | null;
  /**
   * Brings the level words of `regs` up to date before the executor reads them
   * (`wait until`, runtime `toggle`). `null` when reads of `regs` are live.
   */
  readonly refresh: ((nowNs: number) => void) | null;
  /**
   * For virtual time only: the earliest time after `afterNs` at which an input level
   * changes, or `Infinity`. Lets `wait until` jump the clock instead of spinning.
   */
  readonly nextInputChange?: ((afterNs: number) => number) | undefined;
  /** Releases the window, lines or files. Idempotent. Must not throw. */
  close(): void;
  /**
   * The first failure `flush`, `refresh` or `close` recorded (they may not throw), or
   * undefined. Cheap and allocation-free when there is none, so the executor may ask
   * after every flush; it must ask once after `close()` and fail the run with it.
   */
  readonly failure?: (() => BackendError | undefined) | undefined;
}

/** Why a backend cannot be used, with the fix a person should apply. */
export type BackendErrorCode =
  | 'E_NOT_FOUND'
  | 'E_PERMISSION'
  | 'E_BUSY'
  | 'E_UNSUPPORTED'
  | 'E_MAP'
  | 'E_IO'
  /** The backend failed while the program ran (e.g. a window file truncated under its mapping). */
  | 'E_BACKEND';

/** A backend failure. The CLI prints `message` and `fix` and exits 3. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly code: BackendErrorCode,
    readonly backend: string,
    message: string,
    /** One sentence on how to fix it (`sudo usermod -aG gpio $USER`), when there is one. */
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** A backend factory: opens a session for a program. Throws {@link BackendError}. */
export interface Backend {
  readonly name: BackendSpec['kind'];
  open(program: Program): BackendSession;
}
