/**
 * The `.gpio` scripts the guest cases run. The host compiles them (compileCaseScripts.ts)
 * and hands the guest the programs as JSON, because importing the compiler in the emulated
 * guest takes ~16 s (Chevrotain's grammar analysis under TCG); the guest imports only the
 * runtime, as an embedded target would. On the gpio-sim chip, SoC pin N is line offset N.
 */

/** The scripts, by name. Each must compile for bcm2711 without a single diagnostic. */
export const CASE_SCRIPTS = {
  /** One instant per line: a mark does not end an instant, `wait 0` does. Bus bit 0 is pin 8. */
  setClearWrite: [
    'pin bus = 8..15',
    'out 3, bus',
    'set 3; mark "set 3"; wait 0',
    'clear 3; mark "clear 3"; wait 0',
    'write bus = 0xA5; mark "write 0xA5"; wait 0',
    'write bus = 0x5A; mark "write 0x5A"; wait 0',
    'toggle bus; mark "toggle"; wait 0',
    'set 3; write bus = 0xFF; mark "set 3, write 0xFF"',
  ].join('\n'),
  instantsInOrder: ['out 4', 'repeat 3 <', '  set 4; wait 2ms; mark "high"', '  clear 4; wait 2ms; mark "low"', '>'].join('\n'),
  bias: ['in 6 pull up; mark "pull up"; wait 0', 'in 6 pull down; mark "pull down"; wait 0', 'in 6 pull up; mark "pull up again"'].join('\n'),
  waitUntilPull: [
    'in 5 pull down',
    'mark "armed high"',
    'wait until 5 high timeout 5s else < mark "timed out" >',
    'mark "saw high"',
    'wait until 5 low timeout 5s else < mark "timed out" >',
    'mark "saw low"',
  ].join('\n'),
  waitTimeoutElse: ['in 7 pull down', 'mark "waiting"', 'wait until 7 high timeout 50ms else < mark "timed out" >', 'mark "after"'].join('\n'),
  waitTimeoutFails: ['in 7 pull down', 'on exit < mark "exit ran" >', 'wait until 7 high timeout 50ms', 'mark "unreachable"'].join('\n'),
  startRunHandshake: [
    'in 13, 14 pull down',
    'out 12',
    'set 12; mark "up"',
    'wait until 13 high timeout 10s',
    'clear 12; mark "down"',
    'wait until 14 high timeout 10s',
  ].join('\n'),
  releasedOnClose: 'out 20; set 20; mark "held"',
  releasedKeep: 'out 21; set 21; mark "held"',
  /** Holds pin 22 while busyTwice runs on it. */
  busyHolder: 'out 22',
  busyTwice: 'out 22; set 22; mark "ran"',
  /** Line 31 is hogged by the chip (see HOGGED_LINE). */
  busyHog: 'out 31; set 31',
  /** The chip has 32 lines. */
  notALine: 'out 40; set 40',
} as const;

/** The name of a case script. */
export type CaseScriptName = keyof typeof CASE_SCRIPTS;

/** The file (in the guest's /project) holding the compiled programs, by script name. */
export const CASE_PROGRAMS_FILE = 'guest-data.json';
