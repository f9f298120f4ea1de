import { Command } from 'commander';
import { checkCommand } from './commands/check.js';
import { mockCommand } from './commands/mock.js';
import { startCommand } from './commands/start.js';
import { EXIT_CODES_HELP } from './exitCodes.js';

export function createProgram(): Command {
  const program = new Command('orgkit')
    .description('Salesforce integration toolkit: offline checks, deploys and local mock orgs for this SFDX project')
    .version('0.1.0')
    .addHelpText('after', EXIT_CODES_HELP)
    .addCommand(checkCommand())
    .addCommand(mockCommand())
    .addCommand(startCommand());
  // Usage errors surface as exceptions so the entry point picks the exit code (2), not commander.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) command.exitOverride();
  return program;
}
