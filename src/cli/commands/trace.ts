/** `pinseq trace FILE -o OUT`: run on the simulator in virtual time and write a waveform. */
import type { SimInput } from '../../../runtime/backends/backend.js';
import { runInline } from '../../../runtime/run/runInline.js';
import { compileFile } from '../../compile/compileScript.js';
import { type CliIo, type Command, parseCommandLine, parseDurationOption, parseParams, reportDiagnostics, UsageError, withUsage } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { exitCodeOf, formatEvent, formatRunError } from '../runReport.js';
import { checkTraceExtension, TRACE_UNWRITTEN, writeTraceFile } from '../traceFile.js';

/** Schedule time a trace covers when `--for` is not given (enough for any script that ends; a bound for `forever`). */
const DEFAULT_TRACE_NS = 10e9;

export const traceCommand: Command = {
  name: 'trace',
  summary: 'run a script on the simulator in virtual time and write its waveform',
  help: `Usage: pinseq trace FILE -o OUT.vcd|OUT.svg|OUT.json [--for D] [--input PIN=LEVEL@TIME]...
                        [--chip CHIP] [--param NAME=VALUE]...

Plays FILE on the simulator with a virtual clock (waits take no time, so a long
script traces at once) and writes every edge at its scheduled time:
  .vcd   Value Change Dump (timescale 1 ns, one wire per pin, named by the script):
         open it in GTKWave, PulseView or sigrok
  .svg   a timing diagram to look at in a browser
  .json  edges and marks as JSON

Options:
  -o, --output OUT        the file to write (format from its extension)
  --for D                 trace D of schedule time (default 10s); on exit still runs
  --input PIN=LEVEL@TIME  drive an input pin, e.g. 27=0@1.5s (repeatable), for wait until
  --chip CHIP             chip to compile for when the script has no chip statement
  --param NAME=VALUE      override a param (repeatable)
  -h, --help              show this help
`,
  main: (args, io) => withUsage(io, 'trace', () => trace(args, io)),
};

async function trace(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    output: { type: 'string', short: 'o' },
    for: { type: 'string' },
    input: { type: 'string', multiple: true },
    chip: { type: 'string' },
    param: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return io.stdout.write(traceCommand.help), ExitCode.OK;
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.');
  if (!values.output) throw new UsageError('expected -o OUT.vcd, OUT.svg or OUT.json.');
  checkTraceExtension(values.output);
  const forNs = values.for === undefined ? DEFAULT_TRACE_NS : parseDurationOption('--for', values.for);
  const inputs = (values.input ?? []).map(parseInput);

  const compiled = compileFile(positionals[0]!, { chip: values.chip, params: parseParams(values.param) });
  if (reportDiagnostics(io, compiled.diagnostics, compiled.sources) || !compiled.program) return ExitCode.SCRIPT_ERROR;
  const program = compiled.program;
  const result = runInline(program, {
    backend: { kind: 'sim', clock: 'virtual', inputs },
    forNs,
    onEvent: (event) => {
      const line = formatEvent(event, program);
      if (line) io[line.stream].write(line.text);
    },
  });
  if (result.status === 'failed') io.stderr.write(formatRunError(result, program));
  // A trace cut short by --for is what was asked for, not an interruption.
  const code = result.status === 'stopped' ? ExitCode.OK : exitCodeOf(result);
  const unwritten = writeTraceFile(values.output, program, result);
  if (unwritten !== undefined) {
    io.stderr.write(unwritten);
    return code === ExitCode.OK ? TRACE_UNWRITTEN : code;
  }
  const stoppedAt = result.status === 'stopped' ? ` (stopped at --for ${values.for ?? '10s'})` : '';
  io.stderr.write(`pinseq: wrote ${result.edges?.length ?? 0} edges over ${(result.elapsedNs / 1e9).toFixed(6)} s to ${values.output}${stoppedAt}\n`);
  return code;
}

/** Parses `PIN=LEVEL@TIME` (e.g. `27=0@1.5s`). */
function parseInput(text: string): SimInput {
  const match = /^(?:GPIO)?(\d+)=([01])@(.+)$/i.exec(text.trim());
  if (!match) throw new UsageError(`--input expects PIN=LEVEL@TIME such as 27=0@1.5s, not "${text}".`);
  return { pin: Number(match[1]), level: match[2] === '1' ? 1 : 0, atNs: parseDurationOption('--input', match[3]!) };
}
