import { Command } from 'commander';
import { runCheckCommand } from './check.js';

/**
 * What `npm start` runs. The local sandbox (mock Org A and Org B, a Data Cloud tenant and an IdP
 * on localhost, force-app deployed through the real deploy path) is not built yet; until it is,
 * the main job a developer can run without an org is the offline verification of force-app.
 */
export function startCommand(): Command {
  return new Command('start')
    .description('Run orgkit on localhost (today: verify force-app offline)')
    .action(async () => {
      const status = await runCheckCommand({});
      process.stdout.write(
        '\nNext: the local sandbox (mock Org A and Org B, a Data Cloud tenant and an IdP on localhost, with force-app deployed through the real deploy path) will run here once it lands.\n',
      );
      process.exitCode = status;
    });
}
