import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveCheckContext } from '@orgkit/checks/project';
import type { ConnectorConfig, FaultConfig, MockIdpUser, MockOrg, MockOrgConfig, MockOrgs } from '@orgkit/mock-org';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_CODES_HELP } from '../exitCodes.js';
import { InputError } from '../inputError.js';
import { printJson, reportFailure } from '../output.js';

interface MockStartOptions {
  orgs: string[];
  sourceDir?: string;
  source: boolean;
  host: string;
  port?: number;
  tokenTtl?: number;
  dataDir?: string;
  faults?: string;
  config?: string;
  datacloud: string[];
  writeEnv?: string;
  idp?: boolean;
  json?: boolean;
}

/** A JSON file a flag names; unreadable or not JSON → a clear error with an example of what it takes. */
function readJsonFile(flag: string, file: string, example: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError('INPUT_FILE_UNREADABLE', `${flag} ${file}: ${(err as Error).message}. Pass a JSON file like ${example}.`);
  }
}

const CONFIG_EXAMPLE = '{"orgs": [{"name": "A", "users": [{"username": "ada@example.com", "lastName": "Lovelace"}]}]}';

/** --config: the orgs to start with their options (users, limits, token lifetime). */
function readOrgsConfig(file: string): MockOrgConfig[] {
  const config = readJsonFile('--config', file, CONFIG_EXAMPLE) as { orgs?: unknown };
  const orgs = config?.orgs;
  if (!Array.isArray(orgs) || orgs.length === 0 || !orgs.every((o) => typeof o?.name === 'string' && o.name.trim() !== '')) {
    throw new InputError('CONFIG_INVALID', `--config ${file}: "orgs" must be a non-empty list of orgs, each with a "name", like ${CONFIG_EXAMPLE}.`);
  }
  return orgs as MockOrgConfig[];
}

function parseNames(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('name at least one org, e.g. --orgs A,B');
  return names;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${value} is not a whole number`);
  return n;
}

/** The schema source: --source-dir, else the project's default package directory, else none. */
function schemaSource(options: MockStartOptions): string | null {
  if (!options.source) return null;
  if (options.sourceDir) {
    const dir = path.resolve(options.sourceDir);
    if (!existsSync(dir)) throw new InputError('SOURCE_NOT_FOUND', `--source-dir ${options.sourceDir}: no such folder. Pass an SFDX package directory such as force-app, or --no-source.`);
    return dir;
  }
  try {
    return resolveCheckContext().sourceDir;
  } catch {
    return null; // outside an SFDX project the orgs have the standard objects only
  }
}

/** --datacloud solar=battery.yaml (repeatable): the connectors of every org's Data Cloud tenant. */
function collectConnector(value: string, previous: string[]): string[] {
  if (!/^[^=]+=.+$/.test(value)) throw new InvalidArgumentError('use <connector>=<schema.yaml>, e.g. --datacloud solar=battery-status.yaml');
  return [...previous, value];
}

function dataCloudConnectors(values: readonly string[]): ConnectorConfig[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const name = value.slice(0, at).trim();
    const schema = path.resolve(value.slice(at + 1).trim());
    if (!existsSync(schema)) throw new InputError('INPUT_FILE_UNREADABLE', `--datacloud ${value}: no such file ${schema}. Pass the connector's OpenAPI schema YAML, e.g. --datacloud solar=battery-status.yaml.`);
    return { name, schema };
  });
}

/** A value the shell reads back verbatim from `. file` (and dotenv parsers too). */
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** --write-env names a file that cannot be written; the orgs are stopped again. */
class EnvFileError extends Error {
  readonly code = 'ENV_FILE_UNWRITABLE';
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/**
 * --write-env: the JWT login of the first org's integration user, for other orgkit commands
 * (`set -a; . file; set +a`). The private key goes beside it, readable by the owner only.
 */
function writeEnvFile(file: string, org: MockOrg): void {
  const envFile = path.resolve(file);
  const keyFile = `${envFile}.key.pem`;
  mkdirSync(path.dirname(envFile), { recursive: true });
  writeFileSync(keyFile, org.connectedApp.privateKeyPem, { mode: 0o600 });
  chmodSync(keyFile, 0o600); // mode applies only when the file is created
  const env = { ORGKIT_LOGIN_URL: org.loginUrl, ORGKIT_CLIENT_ID: org.connectedApp.clientId, ORGKIT_USERNAME: org.users.integration.username, ORGKIT_JWT_KEY_FILE: keyFile };
  const lines = Object.entries(env).map(([key, value]) => `${key}=${shellQuote(value)}`);
  writeFileSync(envFile, `# orgkit mock org ${org.name}: JWT login as its integration user\n${lines.join('\n')}\n`, { mode: 0o600 });
}

/** --idp: the IdP's users are the configured users with a Federation ID, with the password they log in with. */
function idpUsers(configs: readonly MockOrgConfig[], mock: MockOrgs): MockIdpUser[] {
  const users = new Map<string, MockIdpUser>();
  for (const config of configs) {
    for (const user of config.users ?? []) {
      if (!user.federationIdentifier || users.has(user.federationIdentifier)) continue;
      const password = user.password ?? mock.org(config.name).users.others.find((o) => o.username === user.username)?.password;
      if (password) users.set(user.federationIdentifier, { nameId: user.federationIdentifier, email: user.email ?? user.username, password });
    }
  }
  return [...users.values()];
}

async function start(options: MockStartOptions): Promise<void> {
  const json = Boolean(options.json);
  try {
    // Loaded on use: SQLite and the SOQL parser would slow every other command's start.
    const { connectMockIdp, describeMockOrg, startMockIdp, startMockOrgs } = await import('@orgkit/mock-org');
    const configs: MockOrgConfig[] = options.config ? readOrgsConfig(options.config) : options.orgs.map((name) => ({ name }));
    const mock = await startMockOrgs({
      orgs: configs.map((org, i) => ({
        ...org,
        ...(options.port !== undefined ? { port: options.port === 0 ? 0 : options.port + i } : {}),
        ...(options.tokenTtl !== undefined ? { tokenTtlSeconds: options.tokenTtl } : {}),
      })),
      sourceDir: schemaSource(options),
      host: options.host,
      ...(options.dataDir ? { dataDir: path.resolve(options.dataDir) } : {}),
      ...(options.faults ? { faults: readJsonFile('--faults', options.faults, '{"seed": 1, "rules": [...]}') as FaultConfig } : {}),
      ...(options.datacloud.length > 0 ? { dataCloud: { connectors: dataCloudConnectors(options.datacloud) } } : {}),
    });
    if (options.writeEnv) {
      try {
        writeEnvFile(options.writeEnv, mock.orgs[0]!);
      } catch (err) {
        await mock.close();
        throw new EnvFileError(`--write-env ${options.writeEnv}: ${(err as Error).message}. Pass a file in a folder you can write to.`);
      }
    }
    const idp = options.idp ? await startMockIdp({ host: options.host, users: idpUsers(configs, mock) }).catch(async (err: unknown) => {
      await mock.close();
      throw err;
    }) : undefined;
    if (idp) for (const org of mock.orgs) connectMockIdp(idp, org);
    // Handlers first: a script that reads the printed JSON may send SIGINT at once.
    const stop = async (): Promise<void> => {
      await Promise.all([mock.close(), idp?.close()]);
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);

    const result = {
      orgs: mock.orgs.map(describeMockOrg),
      ...(idp ? { idp: { url: idp.url, entityId: idp.entityId, metadataUrl: idp.metadataUrl, ssoUrl: idp.ssoUrl, users: idpUsers(configs, mock).map(({ nameId, password }) => ({ nameId, password })) } } : {}),
    };
    if (json) printJson(0, result);
    else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`${mock.orgs.length} mock org(s) serving on ${options.host}; Ctrl-C stops them.\n`);
  } catch (err) {
    process.exitCode = reportFailure(err, json);
  }
}

export function mockCommand(): Command {
  const mock = new Command('mock').description('Local Salesforce orgs that real clients (jsforce, @salesforce/core, SDR) talk to');
  mock
    .command('start')
    .description('Start mock orgs on loopback and print their URLs, users and connected app credentials as JSON')
    .option('--orgs <names>', 'comma-separated org names', parseNames, ['A', 'B'])
    .option('-d, --source-dir <dir>', 'SFDX source whose custom objects and fields the orgs have (default: the project\'s default package directory)')
    .option('--no-source', 'standard objects only')
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port of the first org; the next orgs take the following ports (default: free ports)', parsePositiveInt)
    .option('--token-ttl <seconds>', 'access token lifetime (default 7200)', parsePositiveInt)
    .option('--data-dir <dir>', 'keep each org in <dir>/<org>.sqlite: a restart (even after kill -9) restores it')
    .option('--config <file>', `orgs to start with their users and limits, instead of --orgs: ${CONFIG_EXAMPLE}`)
    .option('--faults <file>', 'JSON fault rules {"seed", "rules"} for every org (changeable at runtime on /__mock/faults)')
    .option('--datacloud <connector=schema.yaml>', 'give every org a Data Cloud tenant with this Ingestion API connector (repeatable)', collectConnector, [])
    .option('--write-env <file>', 'write the first org\'s JWT login (ORGKIT_LOGIN_URL, ORGKIT_CLIENT_ID, ORGKIT_USERNAME, ORGKIT_JWT_KEY_FILE) to <file>, the key beside it')
    .option('--idp', 'start a mock SAML IdP beside the orgs and connect each org to it (a SamlSsoConfig "Mock_IdP"); its users are the configured users with a federationIdentifier')
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText('after', `\nServes until Ctrl-C.\n${EXIT_CODES_HELP}`)
    .action(start);
  return mock;
}
