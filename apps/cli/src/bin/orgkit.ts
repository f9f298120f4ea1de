#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT } from '../exitCodes.js';
import { reportFailure } from '../output.js';
import { createProgram } from '../program.js';

const program = createProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed the usage problem already; --help and --version are not failures.
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.CANNOT_RUN;
  } else {
    process.exitCode = reportFailure(err, process.argv.includes('--json'));
  }
}
