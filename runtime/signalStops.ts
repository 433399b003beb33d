/**
 * SIGINT and SIGTERM stop every live run that asked for it. One process listener per
 * signal serves all runs (installed while at least one is live), so many concurrent
 * runs do not pile up listeners.
 */

/** The signals a run stops on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const live = new Set<(signal: StopSignal) => void>();
const onSigint = (): void => notify('SIGINT');
const onSigterm = (): void => notify('SIGTERM');

function notify(signal: StopSignal): void {
  for (const stop of [...live]) stop(signal);
}

/**
 * Calls `stop` on SIGINT/SIGTERM until the returned function is called. While any run
 * is registered the process does not exit on these signals; the runs stop instead.
 */
export function stopOnSignals(stop: (signal: StopSignal) => void): () => void {
  if (live.size === 0) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  live.add(stop);
  return () => {
    if (!live.delete(stop) || live.size > 0) return;
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  };
}
