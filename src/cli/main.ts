#!/usr/bin/env node
/**
 * The `pinseq` executable: runs {@link runCli} with this process's arguments and streams.
 */
import type { CliIo } from './command.js';
import { runCli } from './runCli.js';

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
