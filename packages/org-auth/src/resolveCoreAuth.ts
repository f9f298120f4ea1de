import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CoreAuth } from './coreAuth.js';
import { DEFAULT_LOGIN_URL, ENV } from './orgAuthEnv.js';
import { OrgAuthError } from './orgAuthError.js';

/** The org login flags every Data Cloud command takes; each falls back to its ORGKIT_* variable. */
export interface OrgAuthFlags {
  targetOrg?: string;
  loginUrl?: string;
  clientId?: string;
  username?: string;
  jwtKeyFile?: string;
  clientSecret?: string;
  instanceUrl?: string;
  accessToken?: string;
}

type Kind = CoreAuth['kind'];
const KIND_FLAG: Record<Exclude<Kind, 'sf-org'>, keyof typeof ENV> = { 'access-token': 'accessToken', jwt: 'jwtKeyFile', 'client-credentials': 'clientSecret' };
const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Which login the flags ask for: one named on the command line wins, then the environment. */
function chooseKind(flags: OrgAuthFlags, env: NodeJS.ProcessEnv): Kind {
  const onCommandLine = [
    ...(flags.targetOrg ? (['sf-org'] as const) : []),
    ...(Object.entries(KIND_FLAG) as [Exclude<Kind, 'sf-org'>, keyof typeof ENV][]).filter(([, key]) => flags[key]).map(([kind]) => kind),
  ];
  if (onCommandLine.length > 1) {
    throw new OrgAuthError('AUTH_AMBIGUOUS', `Choose one way to log in; got ${onCommandLine.join(' and ')} flags.`);
  }
  if (onCommandLine[0]) return onCommandLine[0];
  const fromEnv = (Object.entries(KIND_FLAG) as [Exclude<Kind, 'sf-org'>, keyof typeof ENV][]).find(([, key]) => env[ENV[key]]);
  if (fromEnv) return fromEnv[0];
  throw new OrgAuthError(
    'AUTH_NOT_CONFIGURED',
    'No login given. Pass --target-org, --jwt-key-file with --client-id and --username, --client-secret with --client-id, or --access-token with --instance-url (or set their ORGKIT_* variables).',
  );
}

/** Resolves the login flags (and ORGKIT_* variables) to the core auth the Data Cloud client takes. */
export function resolveCoreAuth(flags: OrgAuthFlags, env: NodeJS.ProcessEnv = process.env): CoreAuth {
  const value = (key: keyof typeof ENV): string | undefined => flags[key] || env[ENV[key]] || undefined;
  const need = (kind: string, keys: (keyof typeof ENV)[]): string[] => {
    const missing = keys.filter((k) => !value(k));
    if (missing.length > 0) {
      throw new OrgAuthError('AUTH_INCOMPLETE', `The ${kind} login also needs ${missing.map((k) => `${flagName(k)} (or ${ENV[k]})`).join(', ')}.`);
    }
    return keys.map((k) => value(k)!);
  };
  const loginUrl = value('loginUrl') ?? DEFAULT_LOGIN_URL;
  switch (chooseKind(flags, env)) {
    case 'sf-org':
      return { kind: 'sf-org', aliasOrUsername: flags.targetOrg! };
    case 'access-token': {
      const [accessToken, instanceUrl] = need('access token', ['accessToken', 'instanceUrl']);
      return { kind: 'access-token', accessToken: accessToken!, instanceUrl: instanceUrl! };
    }
    case 'jwt': {
      const [keyFile, clientId, username] = need('JWT', ['jwtKeyFile', 'clientId', 'username']);
      return { kind: 'jwt', loginUrl, clientId: clientId!, username: username!, privateKeyPem: readKey(keyFile!), privateKeyFile: path.resolve(keyFile!) };
    }
    case 'client-credentials': {
      const [clientSecret, clientId] = need('client credentials', ['clientSecret', 'clientId']);
      return { kind: 'client-credentials', loginUrl, clientId: clientId!, clientSecret: clientSecret! };
    }
  }
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new OrgAuthError('JWT_KEY_UNREADABLE', `Cannot read the JWT key file ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Pass the PEM private key of the app's certificate.`);
  }
}
