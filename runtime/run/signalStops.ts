/**
 * SIGINT, SIGTERM and SIGHUP stop every live run that asked for it. One process
 * listener per signal serves all runs (installed while at least one is live), so many
 * concurrent runs do not pile up listeners.
 */

/** The signals a run stops on: Ctrl-C, `kill`, and a closed terminal or ssh session. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Every signal in {@link StopSignal}, in the order their listeners are installed. */
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const live = new Set<(signal: StopSignal) => void>();
// One bound listener per signal, created once so `process.off` removes exactly it.
const listeners = new Map<StopSignal, () => void>(STOP_SIGNALS.map((signal) => [signal, () => notify(signal)]));

function notify(signal: StopSignal): void {
  for (const stop of [...live]) stop(signal);
}

/**
 * Calls `stop` on SIGINT/SIGTERM/SIGHUP until the returned function is called. While any
 * run is registered the process does not exit on these signals; the runs stop instead
 * (without this, SIGHUP would kill the process with the window mapped and functions
 * never restored).
 */
export function stopOnSignals(stop: (signal: StopSignal) => void): () => void {
  if (live.size === 0) for (const [signal, listener] of listeners) process.on(signal, listener);
  live.add(stop);
  return () => {
    if (!live.delete(stop) || live.size > 0) return;
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}
