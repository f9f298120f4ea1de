import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCoreTokenSource, OrgAuthError, type CoreAuth } from '@orgkit/org-auth';
import { AuthInfo, Connection, Org } from '@salesforce/core';

/** A @salesforce/core connection pinned to the project's API version, and how to let go of it. */
export interface OrgSession {
  conn: Connection;
  /** Removes the temporary JWT key file, if one was written. */
  close(): Promise<void>;
}

const trimUrl = (url: string): string => url.replace(/\/+$/, '');

async function accessTokenConnection(accessToken: string, instanceUrl: string): Promise<Connection> {
  // A username shaped like the token: core then neither saves it nor asks the org who it is.
  const authInfo = await AuthInfo.create({ username: accessToken, accessTokenOptions: { accessToken, instanceUrl: trimUrl(instanceUrl), loginUrl: trimUrl(instanceUrl) } });
  return Connection.create({ authInfo });
}

async function jwtConnection(auth: Extract<CoreAuth, { kind: 'jwt' }>, privateKeyFile: string): Promise<Connection> {
  // The username goes inside oauth2Options: as a top-level option core refuses to log in when its
  // auth store already holds that user ("will overwrite existing auth data"), which would fail
  // every deploy after the first. Core saves the login there, as `sf org login jwt` does.
  const authInfo = await AuthInfo.create({ oauth2Options: { clientId: auth.clientId, privateKeyFile, loginUrl: trimUrl(auth.loginUrl), username: auth.username } });
  return Connection.create({ authInfo });
}

/**
 * JWT bearer through @salesforce/core's own flow, which reads the key from a file and keeps its
 * path with the saved login (to log in again when the token expires): the user's key file when
 * the flags named one; else the PEM goes to a 0600 file in a private temp folder for the session.
 */
async function jwtSession(auth: Extract<CoreAuth, { kind: 'jwt' }>): Promise<OrgSession> {
  const failed = (err: unknown): OrgAuthError =>
    new OrgAuthError('CORE_AUTH_FAILED', `The JWT login of ${auth.username} at ${auth.loginUrl} failed (${(err as Error).message}). Check the client id, the username and that the key matches the certificate uploaded to the connected app.`, { cause: err });
  if (auth.privateKeyFile) {
    try {
      return { conn: await jwtConnection(auth, auth.privateKeyFile), close: async () => {} };
    } catch (err) {
      throw failed(err);
    }
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-deploy-jwt-'));
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    const privateKeyFile = path.join(dir, 'server.key');
    await writeFile(privateKeyFile, auth.privateKeyPem, { mode: 0o600 });
    return { conn: await jwtConnection(auth, privateKeyFile), close };
  } catch (err) {
    await close();
    throw failed(err);
  }
}

/**
 * Logs in as the org-auth flags say, through @salesforce/core: an sf CLI alias from its auth
 * store, JWT bearer, an access token, or client credentials (a token from org-auth, then used as
 * an access token). The connection is pinned to `apiVersion` (sourceApiVersion).
 */
export async function connectOrg(auth: CoreAuth, apiVersion: string): Promise<OrgSession> {
  let session: OrgSession;
  switch (auth.kind) {
    case 'sf-org': {
      try {
        const org = await Org.create({ aliasOrUsername: auth.aliasOrUsername });
        session = { conn: org.getConnection(), close: async () => {} };
      } catch (err) {
        throw new OrgAuthError('SF_ORG_AUTH_FAILED', `The sf CLI has no usable authorization for "${auth.aliasOrUsername}" (${(err as Error).message}). Run \`sf org login web --alias ${auth.aliasOrUsername}\` or \`sf org login jwt\`, or pass the JWT or access-token flags.`, { cause: err });
      }
      break;
    }
    case 'jwt':
      session = await jwtSession(auth);
      break;
    case 'access-token':
      session = { conn: await accessTokenConnection(auth.accessToken, auth.instanceUrl), close: async () => {} };
      break;
    case 'client-credentials': {
      const token = await createCoreTokenSource(auth)(false);
      session = { conn: await accessTokenConnection(token.accessToken, token.instanceUrl), close: async () => {} };
      break;
    }
  }
  session.conn.setApiVersion(apiVersion);
  return session;
}
