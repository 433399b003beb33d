/** `pinseq check FILE…`: diagnostics only; exit 1 on any error. */
import { compileFile } from '../../compile/compileScript.js';
import { type Command, parseCommandLine, parseParams, reportDiagnostics, UsageError, withUsage } from '../command.js';
import { ExitCode } from '../exitCodes.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'report errors and warnings in scripts without running them',
  help: `Usage: pinseq check FILE... [--chip CHIP] [--param NAME=VALUE]... [--json]

Parses, checks and compiles each FILE (and what it imports) and prints every
diagnostic as FILE:LINE:COL: error|warning: message, with the source line and a
caret under the problem. Exits 1 when any file has an error, 0 otherwise.

Options:
  --chip CHIP           compile for CHIP when the script has no chip statement
                        (default bcm2711, the Raspberry Pi 4)
  --param NAME=VALUE    override a param (repeatable), checked against its type
  --json                print one JSON array of {file, line, column, endLine,
                        endColumn, severity, code, message} on stdout
  -h, --help            show this help
`,
  main: (args, io) =>
    withUsage(io, 'check', async () => {
      const { values, positionals } = parseCommandLine(args, {
        chip: { type: 'string' },
        param: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return io.stdout.write(checkCommand.help), ExitCode.OK;
      if (positionals.length === 0) throw new UsageError('expected at least one FILE.');
      const params = parseParams(values.param);
      const all = [];
      const sources = new Map<string, string>();
      for (const file of positionals) {
        const result = compileFile(file, { chip: values.chip, params });
        // Not push(...list): a file with 100,000s of diagnostics would overflow the call's argument stack.
        for (const d of result.diagnostics) all.push(d);
        for (const [name, text] of result.sources) sources.set(name, text);
      }
      const failed = reportDiagnostics(io, all, sources, values.json);
      if (!values.json) {
        const errors = all.filter((d) => d.severity === 'error').length;
        const warnings = all.length - errors;
        io.stderr.write(all.length === 0 ? `${positionals.join(', ')}: ok\n` : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
      }
      return failed ? ExitCode.SCRIPT_ERROR : ExitCode.OK;
    }),
};
