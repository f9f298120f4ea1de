#!/usr/bin/env node
import { CommanderError } from 'commander';
import { reportFailure } from '../output.js';
import { createProgram } from '../program.js';

// `orgkit … | head` closes stdout early: stop quietly instead of dying with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const program = createProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed the usage problem already; program.ts chose the exit code (0 for --help and --version).
    process.exitCode = err.exitCode;
  } else {
    process.exitCode = reportFailure(err, process.argv.includes('--json'));
  }
}
