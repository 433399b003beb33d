#!/usr/bin/env node
/**
 * The `pinseq` executable: runs {@link runCli} with this process's arguments and streams.
 */
import type { CliIo } from './command.js';
import { runCli } from './runCli.js';

// A reader that goes away (`pinseq run … | head`) makes stdout fail with EPIPE. Treat it
// as a shell's SIGPIPE, but cleanly: stop writing there, and stop a live run the way
// SIGTERM does (on exit runs, functions are restored); with no run, SIGTERM just ends us.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stdout.write = () => true;
  process.kill(process.pid, 'SIGTERM');
});

const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pinseq: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
