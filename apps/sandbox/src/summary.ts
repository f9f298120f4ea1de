import { CONNECTOR, OBJECT, SCHEMA_FILE } from '@orgkit/solar-telemetry';
import type { SandboxServices } from './steps/startServices.js';
import type { SandboxCredentials, SandboxUrls } from './types.js';

export function sandboxUrls(s: SandboxServices): SandboxUrls {
  return {
    orgA: { instanceUrl: s.orgA.instanceUrl, loginUrl: `${s.orgA.instanceUrl}/login` },
    orgB: { instanceUrl: s.orgB.instanceUrl, loginUrl: `${s.orgB.instanceUrl}/login` },
    dataCloudTenant: s.orgA.dataCloud?.tenantUrl ?? '',
    idp: { url: s.idp.url, metadataUrl: s.idp.metadataUrl },
  };
}

export function sandboxCredentials(s: SandboxServices): SandboxCredentials {
  return {
    orgAAdmin: { username: s.orgA.users.admin.username, password: s.orgA.users.admin.password },
    orgBAdmin: { username: s.orgB.users.admin.username, password: s.orgB.users.admin.password },
    idpUser: { username: s.ssoUser.federationId, password: s.ssoUser.idpPassword, orgUsername: s.ssoUser.orgUsername },
    orgAJwtEnv: { ORGKIT_LOGIN_URL: s.orgA.loginUrl, ORGKIT_CLIENT_ID: s.orgA.connectedApp.clientId, ORGKIT_USERNAME: s.orgA.users.integration.username, ORGKIT_JWT_KEY_FILE: s.keyFiles.A },
  };
}

/** What to try while the sandbox serves. */
export function nextSteps(urls: SandboxUrls | undefined, credentials: SandboxCredentials | undefined): string[] {
  const env = credentials ? Object.entries(credentials.orgAJwtEnv).map(([k, v]) => `${k}='${v}'`).join(' ') : 'ORGKIT_LOGIN_URL=… ORGKIT_CLIENT_ID=… ORGKIT_USERNAME=… ORGKIT_JWT_KEY_FILE=…';
  return [
    `Open ${urls?.orgA.loginUrl ?? "Org A's /login"} in a browser, choose "Log in with Mock_IdP" and sign in as the IdP user.`,
    `Stream more telemetry into the tenant: ${env} orgkit datacloud stream --connector ${CONNECTOR} --object ${OBJECT} --schema ${SCHEMA_FILE} --file <readings.ndjson> (make one with solar-telemetry --out).`,
    'See what a deploy would send, without an org: orgkit deploy --dry-run --role target (or --role source).',
    'Start orgs of your own: orgkit mock start --idp --datacloud solar=apps/solar-telemetry/schema/battery-status.yaml --write-env .orgkit/mock.env',
    'Run every check, including apex-ls and PMD: npm test.',
  ];
}
