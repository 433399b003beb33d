/** Exit codes of every `pinseq` command (SPEC §4). */
export const ExitCode = {
  OK: 0,
  /** The script has errors, or the run failed because of the script (e.g. a `wait until` timeout). */
  SCRIPT_ERROR: 1,
  /** The command line is wrong. */
  USAGE: 2,
  /** The backend cannot be opened: missing device, permission, busy lines. */
  BACKEND: 3,
  /** Stopped by SIGINT or SIGTERM (after the exit block ran). */
  INTERRUPTED: 130,
  /** Stopped by SIGHUP, the terminal or ssh session going away (after the exit block ran): 128 + 1, as shells report it. */
  HANGUP: 129,
} as const;
