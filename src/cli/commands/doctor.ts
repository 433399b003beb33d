/** `pinseq doctor`: what this machine offers for running scripts, and how to fix what it lacks. */
import { doctor } from '../../../runtime/detect/doctorReport.js';
import { type Command, parseCommandLine, UsageError, withUsage } from '../command.js';
import { ExitCode } from '../exitCodes.js';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'show the board, chip and which backends work here, with fixes',
  help: `Usage: pinseq doctor [--json] [--root DIR]

Looks at the machine: the board and SoC (from the device tree, or /proc/cpuinfo),
then each backend in the order auto tries them (gpiomem, chardev, devmem; sysfs and
the simulator), whether it is usable and why not: device nodes, permissions, the gpio
group, CONFIG_STRICT_DEVMEM. Each problem comes with its fix. Probing only looks: it
opens and maps nothing.

Options:
  --json       the same as JSON
  --root DIR   inspect a machine image mounted at DIR instead of /
  -h, --help   show this help
`,
  main: (args, io) =>
    withUsage(io, 'doctor', async () => {
      const { values, positionals } = parseCommandLine(args, {
        json: { type: 'boolean' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      });
      if (values.help) return io.stdout.write(doctorCommand.help), ExitCode.OK;
      if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`);
      const report = doctor(values.root ?? '/');
      if (values.json) {
        const { text: _text, ...data } = report;
        io.stdout.write(JSON.stringify(data, null, 2) + '\n');
      } else io.stdout.write(report.text);
      return ExitCode.OK;
    }),
};
