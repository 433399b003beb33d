/**
 * The guest side of the gpio-sim test: run inside the QEMU guest by test/kernel/boot.sh as
 * `node /project/dist/test/kernel/guest/chardevCases.js`, with the host-compiled case
 * programs in /project/guest-data.json. Creates one simulated chip (32 lines, line 31
 * hogged), runs every chardev case on it in this one boot, and prints the
 * observations as a single {@link GUEST_RESULT_MARKER} line for the host test to assert on.
 * A case that throws is reported as such; the others still run.
 */
import { readFileSync } from 'node:fs';
import { bias, instantsInOrder, setClearWrite } from './driveCases.js';
import { CASE_PROGRAMS_FILE } from './caseScripts.js';
import { createSimChip } from './gpioSimChip.js';
import { type CaseObservations, type CaseOutcome, GUEST_RESULT_MARKER, type GuestReport } from './guestReport.js';
import { busyHog, busyTwice, HOG_NAME, HOGGED_LINE, notALine, releasedKeep, releasedOnClose } from './ownershipCases.js';
import { type GuestContext, loadCasePrograms } from './observeRun.js';
import { startRunHandshake, waitTimeoutElse, waitTimeoutFails, waitUntilPull } from './waitCases.js';

type CaseTable = { readonly [K in keyof CaseObservations]: (context: GuestContext) => CaseObservations[K] | Promise<CaseObservations[K]> };

const CASES: CaseTable = {
  setClearWrite,
  instantsInOrder,
  bias,
  waitUntilPull,
  waitTimeoutElse,
  waitTimeoutFails,
  releasedOnClose,
  releasedKeep,
  busyTwice,
  busyHog,
  notALine,
  startRunHandshake,
};

async function runCase<K extends keyof CaseObservations>(name: K, context: GuestContext): Promise<CaseOutcome<CaseObservations[K]>> {
  try {
    return { ok: true, data: await CASES[name](context) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function main(): Promise<number> {
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  const timings = { startupMs: Math.round(performance.now()), cases: {} as Record<string, number> };

  let context: GuestContext;
  try {
    const programs = loadCasePrograms(`/project/${CASE_PROGRAMS_FILE}`);
    context = { programs, chip: createSimChip('pinseq', 32, [{ line: HOGGED_LINE, name: HOG_NAME, direction: 'output-high' }]) };
  } catch (error) {
    print({ kernel, chip: { error: String(error) }, cases: {}, timings });
    return 1;
  }
  const cases: Record<string, unknown> = {};
  for (const name of Object.keys(CASES) as (keyof CaseObservations)[]) {
    const started = performance.now();
    cases[name] = await runCase(name, context);
    timings.cases[name] = Math.round(performance.now() - started);
  }
  const { chip } = context;
  chip.remove();
  print({ kernel, chip: { device: chip.device, lines: chip.lines, label: chip.label }, cases: cases as GuestReport['cases'], timings });
  return 0;
}

function print(report: GuestReport): void {
  process.stdout.write(`${GUEST_RESULT_MARKER}${JSON.stringify(report)}\n`);
}

process.exitCode = await main();
