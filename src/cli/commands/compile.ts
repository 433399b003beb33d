/** `pinseq compile FILE --emit ast|ir|program [--json]`: show each stage of the pipeline. */
import { programToJson } from '../../../runtime/program/programJson.js';
import { compileFile } from '../../compile/compileScript.js';
import { printIr } from '../../compile/printIr.js';
import { printProgram } from '../../compile/printProgram.js';
import { type Command, parseCommandLine, parseParams, reportDiagnostics, UsageError, withUsage } from '../command.js';
import { ExitCode } from '../exitCodes.js';

const STAGES = ['ast', 'ir', 'program'] as const;
type Stage = (typeof STAGES)[number];

export const compileCommand: Command = {
  name: 'compile',
  summary: 'show the AST, IR or compiled program of a script',
  help: `Usage: pinseq compile FILE --emit ast|ir|program [--json] [--chip CHIP] [--param NAME=VALUE]...

Runs the pipeline up to the chosen stage and prints it on stdout:
  ast      the syntax tree (JSON; spans as "line:col-line:col" unless --json)
  ir       the elaborated script: defs expanded, for loops unrolled, pins
           resolved, operations grouped into instants
  program  the register program for the chip, as assembly with register
           names and source locations (default), or the program JSON with --json
Diagnostics go to stderr; exit 1 when there are errors.

Options:
  --emit STAGE          ast, ir or program (default program)
  --json                machine-readable output
  --chip CHIP           compile for CHIP when the script has no chip statement (default bcm2711)
  --param NAME=VALUE    override a param (repeatable)
  -h, --help            show this help
`,
  main: (args, io) =>
    withUsage(io, 'compile', async () => {
      const { values, positionals } = parseCommandLine(args, {
        emit: { type: 'string', default: 'program' },
        json: { type: 'boolean' },
        chip: { type: 'string' },
        param: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return io.stdout.write(compileCommand.help), ExitCode.OK;
      if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.');
      const stage = values.emit as Stage;
      if (!STAGES.includes(stage)) throw new UsageError(`--emit must be one of ${STAGES.join(', ')}, not "${values.emit}".`);

      const result = compileFile(positionals[0]!, { chip: values.chip, params: parseParams(values.param), until: stage });
      if (reportDiagnostics(io, result.diagnostics, result.sources)) return ExitCode.SCRIPT_ERROR;
      if (stage === 'ast') io.stdout.write(JSON.stringify(result.ast, values.json ? undefined : compactSpans, 2) + '\n');
      else if (stage === 'ir' && result.ir) io.stdout.write(values.json ? JSON.stringify(result.ir, undefined, 2) + '\n' : printIr(result.ir));
      else if (stage === 'program' && result.program) {
        io.stdout.write(values.json ? JSON.stringify(programToJson(result.program), null, 2) + '\n' : printProgram(result.program));
      }
      return ExitCode.OK;
    }),
};

/** JSON replacer that shows a span as `line:col-line:col` so a tree stays readable. */
function compactSpans(key: string, value: unknown): unknown {
  if (key === 'span' && value && typeof value === 'object' && 'line' in value) {
    const s = value as { line: number; column: number; endLine: number; endColumn: number };
    return `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
  }
  return value;
}
