import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectMockIdp, startMockIdp, startMockOrgs, type MockIdp, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import type { OrgSession } from '@orgkit/deploy';
import { createCoreTokenSource, resolveCoreAuth, type CoreAuth } from '@orgkit/org-auth';
import type { SandboxFolder } from '../sandboxFolder.js';

const HOST = '127.0.0.1';

/** Org A's user who signs in through the IdP: the IdP knows them by their Federation ID. */
export interface SsoUser {
  orgUsername: string;
  orgUserId: string;
  federationId: string;
  idpPassword: string;
}

/** Everything the later steps talk to. */
export interface SandboxServices {
  mock: MockOrgs;
  orgA: MockOrg;
  orgB: MockOrg;
  idp: MockIdp;
  ssoUser: SsoUser;
  /** JWT key files (0600) of each org's connected app, as a user would pass them with --jwt-key-file. */
  keyFiles: { A: string; B: string };
  close(): Promise<void>;
}

/** A password for this run only: nothing to keep in a file or a repo. */
const localPassword = (): string => `Sbx-${randomBytes(9).toString('base64url')}`;

function writeKeyFile(folder: SandboxFolder, org: MockOrg): string {
  const file = path.join(folder.sub('keys'), `org-${org.name.toLowerCase()}.key.pem`);
  writeFileSync(file, org.connectedApp.privateKeyPem, { mode: 0o600 });
  chmodSync(file, 0o600); // mode applies only when the file is created
  return file;
}

/** JWT bearer login as one of the org's users, resolved the way the CLI's --jwt-key-file flags are. */
export function jwtAuth(org: MockOrg, keyFile: string, username: string): CoreAuth {
  return resolveCoreAuth({ loginUrl: org.loginUrl, clientId: org.connectedApp.clientId, username, jwtKeyFile: keyFile }, {});
}

/**
 * A REST session as the org's admin: a JWT login through org-auth, its token then used as an
 * access token — @salesforce/core keeps one saved login per username, which the deploy holds.
 */
export async function adminSession(org: MockOrg, keyFile: string, apiVersion: string): Promise<OrgSession> {
  const { connectOrg } = await import('@orgkit/deploy');
  const token = await createCoreTokenSource(jwtAuth(org, keyFile, org.users.admin.username))(false);
  return connectOrg({ kind: 'access-token', accessToken: token.accessToken, instanceUrl: token.instanceUrl }, apiVersion);
}

/**
 * Org A (with a Data Cloud tenant beside it) and Org B on loopback, with no custom schema: it
 * arrives by deploy. The IdP trusts both orgs and knows Org A's SSO user.
 */
export async function startServices(folder: SandboxFolder): Promise<SandboxServices> {
  const ssoUser = { orgUsername: 'ada.sso@org-a.sandbox.local', federationId: 'ada@idp.sandbox.local', idpPassword: localPassword() };
  const mock = await startMockOrgs({
    orgs: [
      { name: 'A', dataCloud: true, users: [{ username: ssoUser.orgUsername, firstName: 'Ada', lastName: 'Sandbox', federationIdentifier: ssoUser.federationId }] },
      { name: 'B' },
    ],
    sourceDir: null,
    host: HOST,
    dataDir: folder.sub('orgs'),
    metadataApi: { stepMs: 20 },
  });
  let idp: MockIdp;
  try {
    idp = await startMockIdp({ host: HOST, users: [{ nameId: ssoUser.federationId, email: ssoUser.federationId, password: ssoUser.idpPassword }] });
  } catch (err) {
    await mock.close();
    throw err;
  }
  const orgA = mock.org('A');
  const orgB = mock.org('B');
  for (const org of mock.orgs) connectMockIdp(idp, org);
  const orgUser = orgA.users.others.find((u) => u.username === ssoUser.orgUsername)!;
  return {
    mock,
    orgA,
    orgB,
    idp,
    ssoUser: { orgUsername: ssoUser.orgUsername, orgUserId: orgUser.id, federationId: ssoUser.federationId, idpPassword: ssoUser.idpPassword },
    keyFiles: { A: writeKeyFile(folder, orgA), B: writeKeyFile(folder, orgB) },
    close: async () => {
      await Promise.all([mock.close(), idp.close()]);
    },
  };
}
