import { Command } from 'commander';
import { checkCommand } from './commands/check.js';
import { datacloudCommand } from './commands/datacloud.js';
import { deployCommand } from './commands/deploy.js';
import { mockCommand } from './commands/mock.js';
import { ssoCommand } from './commands/sso.js';
import { startCommand } from './commands/start.js';
import { DATACLOUD_EXIT } from './commands/datacloudExitCodes.js';
import { EXIT, EXIT_CODES_HELP } from './exitCodes.js';

export function createProgram(): Command {
  const program = new Command('orgkit')
    .description('Salesforce integration toolkit: offline checks, deploys and local mock orgs for this SFDX project')
    .version('0.1.0')
    .addHelpText('after', EXIT_CODES_HELP)
    .addCommand(checkCommand())
    .addCommand(datacloudCommand())
    .addCommand(deployCommand())
    .addCommand(mockCommand())
    .addCommand(ssoCommand())
    .addCommand(startCommand());
  // Usage errors surface as exceptions carrying our exit code: 2 (could not run), except under
  // `datacloud`, where 2 means "some records dead-lettered" and a usage error is a failure (1).
  const walk = (c: Command, usageExit: number): void => {
    const code = c.name() === 'datacloud' ? DATACLOUD_EXIT.FAILED : usageExit;
    c.exitOverride((err) => {
      if (err.exitCode !== 0) err.exitCode = code;
      throw err;
    });
    for (const sub of c.commands) walk(sub, code);
  };
  walk(program, EXIT.CANNOT_RUN);
  return program;
}
