/**
 * The chardev backend against the kernel's own GPIO simulator: boots Debian's 6.1 kernel in
 * QEMU with an out-of-tree gpio-sim.ko (test/kernel/boot.sh), runs every case of
 * guest/chardevCases.ts in that one boot, and asserts here on what the kernel reported
 * (`sim_gpioK/value` and `pull`, line info, the legacy sysfs interface).
 *
 * Where QEMU or the kernel packages are unavailable the tests are skipped, visibly, with
 * the reason; under CI=true that is a failure instead (CI installs QEMU, so a missing one is
 * a broken CI, not a reason to stop testing), unless PINSEQ_KERNEL_TEST=skip says otherwise.
 * PINSEQ_KERNEL_TEST=skip also skips it locally (it costs 15-60 s of a 2-core machine).
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootGuest, bootUnavailableReason, type GuestBoot, nodeWarnings, parseGuestConsole } from './_guestBoot.js';
import { compileCaseScripts } from './compileCaseScripts.js';
import { CASE_SCRIPTS } from './guest/caseScripts.js';
import type { CaseObservations, LineInfo, RunObservation, Sample } from './guest/guestReport.js';
import { HOG_NAME } from './guest/ownershipCases.js';
import { PULL_DELAY_MS } from './guest/waitCases.js';

const GUEST_SCRIPT = 'dist/test/kernel/guest/chardevCases.js';
const MS = 1_000_000;
const HELD: LineInfo = { used: true, consumer: 'pinseq', output: true };
const HELD_INPUT: LineInfo = { used: true, consumer: 'pinseq', output: false };
const FREE_INPUT: LineInfo = { used: false, consumer: '', output: false };

const compiled = compileCaseScripts();

test('every guest case script compiles for bcm2711 without a diagnostic', (t) => {
  t.deepEqual(compiled.problems, []);
  t.deepEqual(Object.keys(compiled.programs).sort(), Object.keys(CASE_SCRIPTS).sort());
});

test('Node warnings are found in the guest console, from any process', (t) => {
  const output = '[    3.1] reboot: Power down\r\n(node:111) Warning: File descriptor 23 closed\r\n(node:7) ExperimentalWarning: x\r\nWarning: not node\r\n';
  t.deepEqual(nodeWarnings(output), ['(node:111) Warning: File descriptor 23 closed', '(node:7) ExperimentalWarning: x']);
});

test('the result line is found among kernel messages and CRLF line ends', (t) => {
  const report = { kernel: '6.1.0-56-amd64', chip: { device: '/dev/gpiochip0', lines: 32, label: 'pinseq' }, cases: {}, timings: { startupMs: 1, cases: {} } };
  const output = `[    1.2] random: crng init done\r\nPINSEQ_GUEST_RESULT ${JSON.stringify(report)}\r\nPINSEQ_GUEST_EXIT 0\r\n`;
  t.deepEqual(parseGuestConsole(output), { report });
  t.deepEqual(parseGuestConsole('PINSEQ_GUEST_EXIT 1\r\n'), { error: 'the guest printed no result line' });
  t.regex(parseGuestConsole('PINSEQ_GUEST_RESULT {"kernel":\r\n').error ?? '', /not JSON/);
});

const unavailable = process.env['PINSEQ_KERNEL_TEST'] === 'skip' ? 'PINSEQ_KERNEL_TEST=skip' : bootUnavailableReason();
const inCi = process.env['CI'] === 'true' && process.env['PINSEQ_KERNEL_TEST'] !== 'skip';
const guestTest = unavailable === null ? test : test.skip;

if (unavailable !== null) {
  console.log(`gpioSim: the QEMU gpio-sim tests are SKIPPED: ${unavailable}`);
  if (inCi) test(`QEMU gpio-sim guest can run in CI (${unavailable})`, (t) => t.fail(`unavailable in CI: ${unavailable}`));
  else test.skip(`QEMU gpio-sim guest: skipped, ${unavailable}`, () => {});
}

let boot: GuestBoot = { kind: 'failed', reason: 'not booted', log: '' };

test.before(async (t) => {
  if (unavailable !== null) return;
  // First run downloads and builds (~1 min); a boot takes 15-60 s of emulated CPU.
  t.timeout(600_000);
  // The host compiles; the guest only loads programs (importing the compiler there costs ~16 s).
  const dir = mkdtempSync(join(tmpdir(), 'pinseq-guest-'));
  try {
    const data = join(dir, 'programs.json');
    writeFileSync(data, JSON.stringify(compiled.programs));
    boot = await bootGuest(GUEST_SCRIPT, data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (boot.kind === 'ran') {
    const { startupMs, cases } = boot.report.timings;
    const caseMs = Object.values(cases).reduce((sum, ms) => sum + ms, 0);
    console.log(`gpioSim: boot.sh took ${boot.seconds.toFixed(1)} s; in the guest, node took ${startupMs} ms to start the cases and ${caseMs} ms to run them`);
  }
});

/** The observations of one case, failing the test (with the guest's log) when there are none. */
function observed<K extends keyof CaseObservations>(t: ExecutionContext, name: K): CaseObservations[K] | undefined {
  if (boot.kind !== 'ran') {
    t.log(boot.log);
    t.fail(`the guest did not run: ${boot.reason}`);
    return undefined;
  }
  const outcome = boot.report.cases[name];
  if (outcome === undefined || !outcome.ok) {
    t.fail(`case ${name} did not run in the guest: ${outcome?.error ?? 'missing from the report'}`);
    return undefined;
  }
  return outcome.data as CaseObservations[K];
}

/** The sample taken at each mark, by mark text (the first, for repeated marks). */
function at(run: RunObservation, mark: string): Sample {
  const sample = run.samples.find((s) => s.mark === mark);
  if (!sample) throw new Error(`no sample at mark "${mark}"; marks: ${run.samples.map((s) => s.mark).join(', ')}`);
  return sample;
}

/** The 8 bits of `value`, bit 0 first (how `write bus = value` spreads over pins 8..15). */
function bits8(value: number): number[] {
  return Array.from({ length: 8 }, (_, i) => (value >> i) & 1);
}

function markTexts(run: RunObservation): string[] {
  return run.marks.map((mark) => mark.text);
}

function markTime(run: RunObservation, text: string): number {
  return run.marks.find((mark) => mark.text === text)?.atNs ?? Number.NaN;
}

guestTest('the guest booted a Debian 6.1 kernel and made a 32-line gpio-sim chip', (t) => {
  if (boot.kind !== 'ran') return void t.fail(`the guest did not run: ${boot.reason}\n${boot.log}`);
  t.regex(boot.report.kernel, /^6\.1\.0-\d+-amd64$/);
  const chip = boot.report.chip;
  if ('error' in chip) return void t.fail(`the guest could not make the chip: ${chip.error}`);
  t.regex(chip.device, /^\/dev\/gpiochip\d+$/);
  t.is(chip.lines, 32);
  t.is(chip.label, 'pinseq');
});

guestTest('set, clear, write and toggle reach the kernel line values instant by instant', (t) => {
  const run = observed(t, 'setClearWrite');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(at(run, 'set 3').values, [1, ...bits8(0)]);
  t.deepEqual(at(run, 'clear 3').values, [0, ...bits8(0)]);
  t.deepEqual(at(run, 'write 0xA5').values, [0, ...bits8(0xa5)]);
  t.deepEqual(at(run, 'write 0x5A').values, [0, ...bits8(0x5a)]);
  t.deepEqual(at(run, 'toggle').values, [0, ...bits8(0xa5)]);
  t.deepEqual(at(run, 'set 3, write 0xFF').values, [1, ...bits8(0xff)]);
  t.deepEqual(at(run, 'set 3').info, run.lines.map(() => HELD));
});

guestTest('a loop with real waits produces its instants in order, none before its schedule', (t) => {
  const run = observed(t, 'instantsInOrder');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(markTexts(run), ['high', 'low', 'high', 'low', 'high', 'low']);
  t.deepEqual(run.samples.map((s) => s.values[0]), [1, 0, 1, 0, 1, 0]);
  // Instant k (1-based) follows k waits of 2 ms: lateness is allowed, earliness is not.
  run.marks.forEach((mark, k) => t.true(mark.atNs >= (k + 1) * 2 * MS, `mark ${k} at ${mark.atNs} ns`));
});

guestTest('the script\'s pull reaches the simulator and sets the input level', (t) => {
  const run = observed(t, 'bias');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(run.samples.map((s) => [s.mark, s.pulls[0], s.values[0]]), [
    ['pull up', 'pull-up', 1],
    ['pull down', 'pull-down', 0],
    ['pull up again', 'pull-up', 1],
  ]);
  t.deepEqual(at(run, 'pull up').info, [HELD_INPUT]);
});

guestTest('wait until high / low is satisfied by another process writing the sim pull', (t) => {
  const run = observed(t, 'waitUntilPull');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(markTexts(run), ['armed high', 'saw high', 'saw low']);
  t.deepEqual(run.samples.map((s) => s.values[0]), [0, 1, 0]);
  // The writer sleeps PULL_DELAY_MS after each mark, so an earlier wake-up would be a bug.
  t.true(markTime(run, 'saw high') - markTime(run, 'armed high') >= PULL_DELAY_MS * MS);
  t.true(markTime(run, 'saw low') - markTime(run, 'saw high') >= PULL_DELAY_MS * MS);
});

guestTest('wait until with a timeout runs its else block when the line never changes', (t) => {
  const run = observed(t, 'waitTimeoutElse');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(markTexts(run), ['waiting', 'timed out', 'after']);
  t.true(markTime(run, 'timed out') - markTime(run, 'waiting') >= 50 * MS);
});

guestTest('wait until timing out without else fails the run with E_WAIT_TIMEOUT, after the exit block', (t) => {
  const run = observed(t, 'waitTimeoutFails');
  if (!run) return;
  t.is(run.status, 'failed');
  t.is(run.errorCode, 'E_WAIT_TIMEOUT');
  t.true(run.exitRan);
  t.deepEqual(markTexts(run), ['exit ran']);
  t.deepEqual(run.after.info, [FREE_INPUT]);
});

guestTest('a run holds its line (sysfs cannot export it) and releases it, restored to input, when it ends', (t) => {
  const observation = observed(t, 'releasedOnClose');
  if (!observation) return;
  const { run, sysfs, sysfsWhileHeld } = observation;
  t.is(run.status, 'ended');
  t.deepEqual(at(run, 'held'), { mark: 'held', values: [1], pulls: ['pull-down'], info: [HELD] });
  t.deepEqual(sysfsWhileHeld, { export: 'EBUSY' });
  t.deepEqual(run.after.info, [FREE_INPUT]);
  // Released: gpio-sim puts a freed line back to its pull (down), and sysfs may export it.
  t.deepEqual(sysfs, { export: 'ok', direction: 'in', value: '0' });
});

guestTest('with keep, the line is released but left an output', (t) => {
  const observation = observed(t, 'releasedKeep');
  if (!observation) return;
  t.is(observation.run.status, 'ended');
  t.deepEqual(observation.run.after.info, [{ used: false, consumer: '', output: true }]);
  t.is(observation.sysfs.export, 'ok');
  t.is(observation.sysfs.direction, 'out');
});

guestTest('a second request for a line pinseq holds fails with E_BUSY, and succeeds once it is released', (t) => {
  const observation = observed(t, 'busyTwice');
  if (!observation) return;
  const { second, afterClose } = observation;
  t.is(second.status, 'failed');
  t.is(second.errorCode, 'E_BUSY');
  t.is(second.errorMessage, 'pin 22 is in use by "pinseq"');
  t.false(second.exitRan);
  t.deepEqual(second.marks, []);
  t.is(afterClose.status, 'ended');
  t.deepEqual(at(afterClose, 'ran').values, [1]);
});

guestTest('a line the kernel hogs is refused with E_BUSY naming the hog', (t) => {
  const run = observed(t, 'busyHog');
  if (!run) return;
  t.is(run.status, 'failed');
  t.is(run.errorCode, 'E_BUSY');
  t.is(run.errorMessage, `pin 31 is in use by "${HOG_NAME}"`);
  t.deepEqual(run.after, { values: [1], pulls: ['pull-down'], info: [{ used: true, consumer: HOG_NAME, output: true }] });
});

guestTest('a pin beyond the chip\'s lines is refused with E_NOT_FOUND', (t) => {
  const run = observed(t, 'notALine');
  if (!run) return;
  t.is(run.status, 'failed');
  t.is(run.errorCode, 'E_NOT_FOUND');
  t.regex(run.errorMessage ?? '', /^pin 40 is not a line of \/dev\/gpiochip\d+ \(pinseq has 32 lines\)$/);
});

guestTest('startRun (worker thread) drives a line and waits on inputs the main thread pulls', (t) => {
  const run = observed(t, 'startRunHandshake');
  if (!run) return;
  t.is(run.status, 'ended');
  t.deepEqual(markTexts(run), ['up', 'down']);
  t.deepEqual(at(run, 'up').values, [1, 0, 0]);
  t.deepEqual(at(run, 'down').values, [0, 1, 0]);
  t.deepEqual(at(run, 'up').info, [HELD, HELD_INPUT, HELD_INPUT]);
  t.deepEqual(run.after.info, [FREE_INPUT, FREE_INPUT, FREE_INPUT]);
});

// A worker tracks the fds Node opened; closing the kernel-made line-request fd through
// fs.closeSync made Node print "File descriptor N closed but not opened in unmanaged mode"
// on every chardev run. The session now closes it through libc close().
guestTest('running on chardev makes Node print no warnings', (t) => {
  if (boot.kind !== 'ran') return void t.fail(`the guest did not run: ${boot.reason}`);
  const warnings = nodeWarnings(boot.console);
  t.log(warnings.join('\n'));
  t.deepEqual(warnings, []);
});
