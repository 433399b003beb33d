/**
 * Choosing where a run goes, for the CLI's `--backend` and the library's `open()`: the
 * text forms (`sim`, `file:PATH`, `chardev:/dev/gpiochip0`, …) into a {@link BackendSpec},
 * `auto` resolved on this machine, and the chip a backend implies (a register window on
 * a Pi is that Pi's chip).
 */
import type { BackendSpec } from '../../runtime/backends/backend.js';
import { detectBoard } from '../../runtime/detect/board.js';
import { pickAutoBackend } from '../../runtime/detect/probe.js';

/** The text forms a backend choice accepts, for help texts and messages. */
export const BACKEND_FORMS = 'auto, sim, file:PATH, gpiomem[:PATH], devmem, chardev[:/dev/gpiochipN], sysfs[:ROOT]';

/** A backend choice that names no backend (the CLI turns it into a usage error). */
export class BackendChoiceError extends Error {
  override readonly name = 'BackendChoiceError';
}

/** What a backend choice resolved to: the spec, a notice to print (auto fell back to sim), and the chip it implies. */
export interface ResolvedBackend {
  readonly spec: BackendSpec;
  readonly notice?: string | undefined;
  /** The chip of the board, for backends that write its registers; undefined when any chip will do. */
  readonly chip?: string | undefined;
}

/** Parses one backend choice in text form (without resolving `auto`). Throws {@link BackendChoiceError}. */
export function parseBackendChoice(value: string, clock: 'real' | 'virtual' | undefined): BackendSpec | 'auto' {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const arg = colon < 0 ? undefined : value.slice(colon + 1);
  switch (name) {
    case 'auto':
      return 'auto';
    case 'sim':
      return { kind: 'sim', clock };
    case 'file':
      if (!arg) throw new BackendChoiceError('the file backend needs a path, as in file:/dev/shm/gpio-window.');
      return { kind: 'file', path: arg };
    case 'gpiomem':
      return { kind: 'gpiomem', path: arg };
    case 'devmem':
      return { kind: 'devmem', path: arg };
    case 'chardev':
      return { kind: 'chardev', path: arg ?? '/dev/gpiochip0' };
    case 'sysfs':
      return { kind: 'sysfs', root: arg };
    default:
      throw new BackendChoiceError(`unknown backend "${value}"; use one of ${BACKEND_FORMS}.`);
  }
}

/**
 * Resolves a backend choice (text or spec; default `auto`) on this machine. `auto`
 * tries gpiomem, chardev and devmem, and falls back to the simulator with a notice.
 */
export function resolveBackendChoice(choice: string | BackendSpec | undefined, clock: 'real' | 'virtual' | undefined): ResolvedBackend {
  const parsed = typeof choice === 'object' ? choice : parseBackendChoice(choice ?? 'auto', clock);
  if (parsed !== 'auto') return { spec: parsed, chip: impliedChip(parsed) };
  const picked = pickAutoBackend('/');
  const spec = picked.spec.kind === 'sim' ? { kind: 'sim' as const, clock } : picked.spec;
  return { spec, notice: picked.notice, chip: impliedChip(spec) };
}

// gpiomem and devmem map this board's registers, so the program must be for this board's chip.
function impliedChip(spec: BackendSpec): string | undefined {
  if (spec.kind !== 'gpiomem' && spec.kind !== 'devmem') return undefined;
  return detectBoard('/').chip;
}
