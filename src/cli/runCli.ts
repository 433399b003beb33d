/**
 * The `pinseq` command line as a function: dispatches to one module per sub-command in
 * `commands/`. `main.ts` is the executable that calls it with the real process.
 */
import { readFileSync } from 'node:fs';
import type { CliIo, Command } from './command.js';
import { checkCommand } from './commands/check.js';
import { compileCommand } from './commands/compile.js';
import { doctorCommand } from './commands/doctor.js';
import { runCommand } from './commands/run.js';
import { traceCommand } from './commands/trace.js';
import { ExitCode } from './exitCodes.js';

const commands: readonly Command[] = [runCommand, checkCommand, compileCommand, traceCommand, doctorCommand];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `pinseq ${version()}: GPIO pin sequences from .gpio scripts

Usage: pinseq COMMAND [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "pinseq COMMAND --help" for a command's options.
`;
}

/** Runs the CLI with `argv` (without node and the script path); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(version() + '\n');
    return ExitCode.OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`pinseq: unknown command "${name}".\n\n${overview()}`);
    return ExitCode.USAGE;
  }
  return command.main(rest, io);
}

