/**
 * Plays a case program on the gpio-sim chip through the chardev backend (`runInline`, on
 * this thread), sampling the kernel's view of some lines at every `mark`. runInline
 * delivers events synchronously, straight after the op that made them, and a mark follows
 * its instant's COMMIT, so a sample shows the instant just realised.
 */
import { readFileSync } from 'node:fs';
import type { Program } from '../../../runtime/program/program.js';
import { programFromJson } from '../../../runtime/program/programJson.js';
import { runInline } from '../../../runtime/run/runInline.js';
import type { RunResult } from '../../../runtime/run/runResult.js';
import { CASE_SCRIPTS, type CaseScriptName } from './caseScripts.js';
import type { RunObservation, Sample } from './guestReport.js';
import type { SimChip } from './gpioSimChip.js';
import { readLineInfo } from './kernelLineView.js';

/** What every case gets: the chip, and the programs the host compiled. */
export interface GuestContext {
  readonly chip: SimChip;
  readonly programs: { readonly [K in CaseScriptName]: Program };
}

/** Loads and validates the host-compiled programs from `path`; throws naming what is wrong. */
export function loadCasePrograms(path: string): GuestContext['programs'] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const programs: Partial<Record<CaseScriptName, Program>> = {};
  for (const name of Object.keys(CASE_SCRIPTS) as CaseScriptName[]) {
    const loaded = programFromJson(json[name]);
    if (!loaded.ok) throw new Error(`${path}: program ${name} is invalid: ${loaded.errors.join('; ')}`);
    programs[name] = loaded.program;
  }
  return programs as GuestContext['programs'];
}

/** Options of {@link observeRun}. */
export interface ObserveOptions {
  /** Line offsets to sample at each mark and after the run. */
  readonly lines: readonly number[];
  /** Leave pin functions as the script left them (`--keep`). */
  readonly keep?: boolean | undefined;
  /** Called at each mark after sampling, still inside the run (e.g. to start a process that changes a pull). */
  readonly onMark?: ((text: string) => void) | undefined;
}

/** Runs case program `name` on the chip and reports what the kernel showed at each mark and afterwards. */
export function observeRun(context: GuestContext, name: CaseScriptName, options: ObserveOptions): RunObservation {
  const { chip } = context;
  const samples: Sample[] = [];
  const result = runInline(context.programs[name], {
    backend: { kind: 'chardev', path: chip.device },
    keep: options.keep,
    onEvent: (event) => {
      if (event.type !== 'mark') return;
      samples.push({ mark: event.text, ...sampleLines(chip, options.lines) });
      options.onMark?.(event.text);
    },
  });
  return observation(name, options.lines, result, samples, sampleLines(chip, options.lines));
}

/** Builds the observation of a finished run of case program `name`. */
export function observation(name: CaseScriptName, lines: readonly number[], result: RunResult, samples: readonly Sample[], after: Omit<Sample, 'mark'>): RunObservation {
  return {
    script: CASE_SCRIPTS[name],
    lines,
    status: result.status,
    errorCode: result.error?.code,
    errorMessage: result.error?.message,
    exitRan: result.exitRan,
    marks: result.marks.map((mark) => ({ text: mark.text, atNs: mark.atNs })),
    samples,
    after,
  };
}

/** The kernel's view of `lines` now. */
export function sampleLines(chip: SimChip, lines: readonly number[]): Omit<Sample, 'mark'> {
  return {
    values: lines.map((line) => chip.value(line)),
    pulls: lines.map((line) => chip.pull(line)),
    info: lines.map((line) => readLineInfo(chip.device, line)),
  };
}
