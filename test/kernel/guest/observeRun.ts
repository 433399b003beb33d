/**
 * Compiles a script for bcm2711 and plays it on the gpio-sim chip through the chardev
 * backend (`runInline`, on this thread), sampling the kernel's view of some lines at
 * every `mark`. runInline delivers events synchronously, straight after the op that made
 * them, and a mark follows its instant's COMMIT, so a sample shows the instant just
 * realised. On the gpio-sim chip, SoC pin N is line offset N.
 */
import type { Program } from '../../../runtime/program.js';
import { runInline } from '../../../runtime/runInline.js';
import type { RunResult } from '../../../runtime/runResult.js';
import { compileSource } from '../../../src/compile/compileScript.js';
import type { RunObservation, Sample } from './guestReport.js';
import type { SimChip } from './gpioSimChip.js';
import { readLineInfo } from './kernelLineView.js';

/** Options of {@link observeRun}. */
export interface ObserveOptions {
  /** Line offsets to sample at each mark and after the run. */
  readonly lines: readonly number[];
  /** Leave pin functions as the script left them (`--keep`). */
  readonly keep?: boolean | undefined;
  /** Called at each mark after sampling, still inside the run (e.g. to start a process that changes a pull). */
  readonly onMark?: ((text: string) => void) | undefined;
}

/**
 * Compiles `script`; throws with the diagnostics when it does not compile cleanly. A warning
 * counts too: a case script that, say, sets and clears a pin in one instant tests nothing.
 */
export function compileForSim(script: string): Program {
  const compiled = compileSource(script, { chip: 'bcm2711' });
  if (!compiled.program || compiled.diagnostics.length > 0) {
    throw new Error(`the case's script does not compile cleanly: ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  return compiled.program;
}

/** Runs `script` on `chip` and reports what the kernel showed at each mark and afterwards. */
export function observeRun(chip: SimChip, script: string, options: ObserveOptions): RunObservation {
  const samples: Sample[] = [];
  const result = runInline(compileForSim(script), {
    backend: { kind: 'chardev', path: chip.device },
    keep: options.keep,
    onEvent: (event) => {
      if (event.type !== 'mark') return;
      samples.push({ mark: event.text, ...sampleLines(chip, options.lines) });
      options.onMark?.(event.text);
    },
  });
  return observation(script, options.lines, result, samples, sampleLines(chip, options.lines));
}

/** Builds the observation of a finished run. */
export function observation(script: string, lines: readonly number[], result: RunResult, samples: readonly Sample[], after: Omit<Sample, 'mark'>): RunObservation {
  return {
    script,
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
