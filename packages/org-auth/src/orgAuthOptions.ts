import { Option, type Command } from 'commander';
import { DEFAULT_LOGIN_URL, ENV } from './orgAuthEnv.js';

/** Adds the login flags to a command (secrets are better passed through their environment variables). */
export function addOrgAuthOptions(command: Command): Command {
  return command
    .option('-o, --target-org <alias>', 'an org the sf CLI is logged in to (alias or username)')
    .option('--login-url <url>', `login host or My Domain for JWT / client credentials (env ${ENV.loginUrl}; default ${DEFAULT_LOGIN_URL})`)
    .option('--client-id <id>', `External Client App / Connected App consumer key (env ${ENV.clientId})`)
    .option('--username <username>', `user the JWT logs in as (env ${ENV.username})`)
    .option('--jwt-key-file <file>', `private key (PEM) of the app's certificate: JWT bearer flow (env ${ENV.jwtKeyFile})`)
    .addOption(new Option('--client-secret <secret>', `client credentials flow; prefer env ${ENV.clientSecret} so it stays out of shell history`))
    .option('--instance-url <url>', `core instance URL of an access token obtained elsewhere (env ${ENV.instanceUrl})`)
    .option('--access-token <token>', `core access token obtained elsewhere; not refreshable (env ${ENV.accessToken})`);
}

export const ORG_AUTH_HELP = `
Login (first that applies; flags win over environment variables):
  --target-org <alias>                         an sf CLI org
  --access-token + --instance-url              a core token you already have
  --jwt-key-file + --client-id + --username    JWT bearer flow (what \`orgkit mock start --write-env\` sets up)
  --client-secret + --client-id                client credentials flow
  --login-url defaults to ${DEFAULT_LOGIN_URL}. Each flag reads ORGKIT_<FLAG> when absent
  (ORGKIT_LOGIN_URL, ORGKIT_CLIENT_ID, ORGKIT_USERNAME, ORGKIT_JWT_KEY_FILE, ORGKIT_CLIENT_SECRET,
  ORGKIT_ACCESS_TOKEN, ORGKIT_INSTANCE_URL).`;
