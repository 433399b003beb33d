/**
 * The `--backend` option: parsing its forms into a {@link BackendSpec}, resolving `auto`
 * on this machine, and choosing the chip to compile for when the backend implies one
 * (a register window on a Pi is that Pi's chip).
 */
import type { BackendSpec } from '../../runtime/backend.js';
import { detectBoard } from '../../runtime/detect/board.js';
import { pickAutoBackend } from '../../runtime/detect/probe.js';
import { UsageError } from './command.js';

/** The forms `--backend` accepts, for help texts. */
export const BACKEND_FORMS = 'auto, sim, file:PATH, gpiomem[:PATH], devmem, chardev[:/dev/gpiochipN], sysfs[:ROOT]';

/** What `--backend` resolved to: the spec, a notice to print (auto fell back to sim), and the chip it implies. */
export interface ResolvedBackend {
  readonly spec: BackendSpec;
  readonly notice?: string | undefined;
  /** The chip of the board, for backends that write its registers; undefined when any chip will do. */
  readonly chip?: string | undefined;
}

/** Parses one `--backend` value (without resolving `auto`). */
export function parseBackendOption(value: string, clock: 'real' | 'virtual' | undefined): BackendSpec | 'auto' {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const arg = colon < 0 ? undefined : value.slice(colon + 1);
  switch (name) {
    case 'auto':
      return 'auto';
    case 'sim':
      return { kind: 'sim', clock };
    case 'file':
      if (!arg) throw new UsageError('--backend file: needs a path, as in file:/dev/shm/gpio-window.');
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
      throw new UsageError(`unknown backend "${value}"; use one of ${BACKEND_FORMS}.`);
  }
}

/** Resolves `--backend` (default `auto`) on this machine. */
export function resolveBackend(value: string | undefined, clock: 'real' | 'virtual' | undefined): ResolvedBackend {
  const parsed = parseBackendOption(value ?? 'auto', clock);
  if (parsed !== 'auto') return { spec: parsed, chip: impliedChip(parsed) };
  const choice = pickAutoBackend('/');
  const spec = choice.spec.kind === 'sim' ? { kind: 'sim' as const, clock } : choice.spec;
  return { spec, notice: choice.notice, chip: impliedChip(spec) };
}

// gpiomem and devmem map this board's registers, so the program must be for this board's chip.
function impliedChip(spec: BackendSpec): string | undefined {
  if (spec.kind !== 'gpiomem' && spec.kind !== 'devmem') return undefined;
  return detectBoard('/').chip;
}
