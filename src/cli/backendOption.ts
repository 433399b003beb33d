/**
 * The `--backend` option: the text forms of src/host/backendChoice.ts, with a bad value
 * reported as a usage error (exit 2).
 */
import type { BackendSpec } from '../../runtime/backends/backend.js';
import { BackendChoiceError, parseBackendChoice, resolveBackendChoice, type ResolvedBackend } from '../host/backendChoice.js';
import { UsageError } from './command.js';

export { BACKEND_FORMS, type ResolvedBackend } from '../host/backendChoice.js';

/** Parses one `--backend` value (without resolving `auto`). */
export function parseBackendOption(value: string, clock: 'real' | 'virtual' | undefined): BackendSpec | 'auto' {
  return asUsage(() => parseBackendChoice(value, clock));
}

/** Resolves `--backend` (default `auto`) on this machine. */
export function resolveBackend(value: string | undefined, clock: 'real' | 'virtual' | undefined): ResolvedBackend {
  return asUsage(() => resolveBackendChoice(value, clock));
}

function asUsage<T>(choose: () => T): T {
  try {
    return choose();
  } catch (error) {
    if (error instanceof BackendChoiceError) throw new UsageError(`--backend: ${error.message}`);
    throw error;
  }
}
