/**
 * Guest cases: `wait until` on simulated inputs. The outside world is gpio-sim's `pull`
 * attribute, written by a separate process (busybox sh) while the run blocks this thread,
 * or by the main thread while `startRun` plays the program in its worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { startRun } from '../../../runtime/run/run.js';
import type { RunObservation, Sample } from './guestReport.js';
import { type GuestContext, observation, observeRun, sampleLines } from './observeRun.js';

/** How long the helper process sleeps before writing a pull, so the run is surely waiting. */
export const PULL_DELAY_MS = 200;

/** `wait until 5 high`, then `low`, each satisfied by a process writing the pull 200 ms after the mark before it. */
export async function waitUntilPull(context: GuestContext): Promise<RunObservation> {
  const { chip } = context;
  const writers: ChildProcess[] = [];
  const writeLater = (pull: string): void => {
    const command = `sleep ${PULL_DELAY_MS / 1000}; echo ${pull} > ${chip.pullPath(5)}`;
    writers.push(spawn('/bin/sh', ['-c', command], { stdio: 'ignore' }));
  };
  const observed = observeRun(context, 'waitUntilPull', {
    lines: [5],
    onMark: (text) => {
      if (text === 'armed high') writeLater('pull-up');
      if (text === 'saw high') writeLater('pull-down');
    },
  });
  await Promise.all(writers.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  chip.setPull(5, 'pull-down');
  return observed;
}

/** `wait until 7 high timeout 50ms else < … >` with the line left pulled down. */
export function waitTimeoutElse(context: GuestContext): RunObservation {
  return observeRun(context, 'waitTimeoutElse', { lines: [7] });
}

/** The same wait without `else`: the run fails, and the exit block still runs. */
export function waitTimeoutFails(context: GuestContext): RunObservation {
  return observeRun(context, 'waitTimeoutFails', { lines: [7] });
}

/**
 * The worker-thread host API: the program raises pin 12 and waits for 13, lowers 12 and
 * waits for 14; the main thread answers each mark by sampling and pulling the next line up.
 */
export async function startRunHandshake(context: GuestContext): Promise<RunObservation> {
  const { chip } = context;
  const lines = [12, 13, 14];
  const samples: Sample[] = [];
  const handle = startRun(context.programs.startRunHandshake, {
    backend: { kind: 'chardev', path: chip.device },
    stopOnSignals: false,
    onEvent: (event) => {
      if (event.type !== 'mark') return;
      samples.push({ mark: event.text, ...sampleLines(chip, lines) });
      chip.setPull(event.text === 'up' ? 13 : 14, 'pull-up');
    },
  });
  const result = await handle.result;
  const after = sampleLines(chip, lines);
  chip.setPull(13, 'pull-down');
  chip.setPull(14, 'pull-down');
  return observation('startRunHandshake', lines, result, samples, after);
}
