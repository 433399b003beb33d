/**
 * What the guest script (chardevCases.ts) observes inside the QEMU guest and prints as one
 * JSON line, and what the host test (gpioSim.test.ts) parses and asserts on. The guest only
 * observes; every expectation lives in the host test, where a failure names its case.
 */

/** The marker that starts the guest's result line on the console. */
export const GUEST_RESULT_MARKER = 'PINSEQ_GUEST_RESULT ';

/** What the kernel's view of one line was at a moment (GPIO_V2_GET_LINEINFO). */
export interface LineInfo {
  /** Requested by someone (pinseq, a hog, sysfs). */
  readonly used: boolean;
  readonly consumer: string;
  readonly output: boolean;
}

/** The kernel's view of the lines a case watches, sampled when a `mark` happened. */
export interface Sample {
  readonly mark: string;
  /** `sim_gpioK/value` of each watched line, in the order of {@link RunObservation.lines}. */
  readonly values: readonly number[];
  /** `sim_gpioK/pull` of each watched line. */
  readonly pulls: readonly string[];
  /** Line info of each watched line. */
  readonly info: readonly LineInfo[];
}

/** One run of a script on /dev/gpiochipN, and what the kernel said while and after it ran. */
export interface RunObservation {
  readonly script: string;
  /** The line offsets (= SoC pin numbers) sampled. */
  readonly lines: readonly number[];
  readonly status: 'ended' | 'stopped' | 'failed';
  readonly errorCode?: string | undefined;
  readonly errorMessage?: string | undefined;
  readonly exitRan: boolean;
  /** Every mark in order, with its time from the start of the run. */
  readonly marks: readonly { readonly text: string; readonly atNs: number }[];
  readonly samples: readonly Sample[];
  /** The watched lines after the run returned. */
  readonly after: Omit<Sample, 'mark'>;
}

/** A line exported through the legacy sysfs interface after a run (`/sys/class/gpio/gpioN`). */
export interface SysfsLine {
  /** `ok`, or the errno code the export failed with (EBUSY while someone holds the line). */
  readonly export: string;
  readonly direction?: string | undefined;
  readonly value?: string | undefined;
}

/** The observations of every case, by case name. */
export interface CaseObservations {
  /** set / clear / write / toggle, sampled at marks. */
  readonly setClearWrite: RunObservation;
  /** A repeat loop with real waits: instants in order, never before their schedule. */
  readonly instantsInOrder: RunObservation;
  /** `in … pull up|down` reaching the simulator's pull. */
  readonly bias: RunObservation;
  /** `wait until 5 high` satisfied by a parallel process writing `pull-up`, then `low` by `pull-down`. */
  readonly waitUntilPull: RunObservation;
  /** `wait until … timeout … else` with nobody driving the line. */
  readonly waitTimeoutElse: RunObservation;
  /** The same wait without `else`: a run error. */
  readonly waitTimeoutFails: RunObservation;
  /** A run ends: the line is released and sysfs can export it; function restored to input. */
  readonly releasedOnClose: { readonly run: RunObservation; readonly sysfs: SysfsLine; readonly sysfsWhileHeld: SysfsLine };
  /** The same with `keep`: released, but left an output. */
  readonly releasedKeep: { readonly run: RunObservation; readonly sysfs: SysfsLine };
  /** A second request for a line pinseq already holds, then again after the first closed. */
  readonly busyTwice: { readonly second: RunObservation; readonly afterClose: RunObservation };
  /** A line the gpio-sim chip hogs (configfs `hog`). */
  readonly busyHog: RunObservation;
  /** A pin beyond the chip's lines. */
  readonly notALine: RunObservation;
  /** The worker-thread host API (startRun), handshaking with the main thread through pulls. */
  readonly startRunHandshake: RunObservation;
}

/** One case's outcome: its observations, or why it could not observe anything. */
export type CaseOutcome<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: string };

/** The whole result line. */
export interface GuestReport {
  /** `uname -r` of the guest. */
  readonly kernel: string;
  /** The simulated chip the cases ran on, or why the setup (loading the programs, making the chip) failed. */
  readonly chip: { readonly device: string; readonly lines: number; readonly label: string } | { readonly error: string };
  readonly cases: { readonly [K in keyof CaseObservations]?: CaseOutcome<CaseObservations[K]> };
  /** Where the guest's time went, in ms: node start to the cases (imports, chip), then each case. */
  readonly timings: { readonly startupMs: number; readonly cases: Readonly<Record<string, number>> };
}
