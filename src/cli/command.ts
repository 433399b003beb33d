/**
 * What every CLI command provides, and the small pieces they share: parsing the
 * command line with `node:util` and reporting diagnostics.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { durationOption } from '../api/durationOption.js';
import { diagnosticToJson, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { ExitCode } from './exitCodes.js';

/** The streams and environment a command runs with (real ones in `main.ts`, fakes in tests). */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One `pinseq` sub-command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to its exit code. */
  main(args: readonly string[], io: CliIo): Promise<number>;
}

/** A command-line mistake: the message is printed with the command's usage and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What {@link parseCommandLine} returns: typed option values and the positional arguments. */
export type ParsedCommandLine<T extends NonNullable<ParseArgsConfig['options']>> = {
  values: { [K in keyof T]?: T[K] extends { multiple: true } ? (T[K] extends { type: 'boolean' } ? boolean[] : string[]) : T[K] extends { type: 'boolean' } ? boolean : string };
  positionals: string[];
};

/** Parses `args` with `node:util` parseArgs, turning its errors into {@link UsageError}s. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T): ParsedCommandLine<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as ParsedCommandLine<T>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Parses repeated `--param k=v` values into an object; `v` stays text so the compiler
 * can parse it as a literal of the param's type.
 */
export function parseParams(values: readonly string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects NAME=VALUE, got "${item}".`);
    params[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return params;
}

/**
 * Prints diagnostics: code frames on stderr, or one JSON array on stdout with `json`.
 * Returns true when any of them is an error.
 */
export function reportDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, json = false): boolean {
  if (json) {
    io.stdout.write(JSON.stringify(diagnostics.map(diagnosticToJson), null, 2) + '\n');
  } else {
    const color = Boolean(io.stderr.isTTY) && !io.env.NO_COLOR;
    for (const d of diagnostics) io.stderr.write(formatDiagnostic(d, sources.get(d.span.file), { color, sources, displayFile: relativeToWorkingDirectory }) + '\n');
  }
  return diagnostics.some((d) => d.severity === 'error');
}

/** Runs a command's body, mapping a {@link UsageError} to exit code 2 with a pointer to `--help`. */
export async function withUsage(io: CliIo, command: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`pinseq ${command}: ${e.message}\nRun "pinseq ${command} --help" for usage.\n`);
      return ExitCode.USAGE;
    }
    throw e;
  }
}

/**
 * A path as a person typed it: relative to the working directory when the file is
 * inside it, absolute otherwise (a `../../tmp/x.gpio` helps nobody). JSON output keeps
 * absolute paths for tools.
 */
export function relativeToWorkingDirectory(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Parses a duration option such as `10s` into nanoseconds (a usage error when it is not one). */
export function parseDurationOption(name: string, text: string): number {
  try {
    return durationOption(name, text);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}
