import type { MockOrg } from './startMockOrgs.js';

/**
 * What a person or a script needs to use a running mock org, as plain JSON: where it listens,
 * who can log in, and the connected app's credentials (generated at start; never real secrets).
 */
export function describeMockOrg(org: MockOrg) {
  const user = (u: MockOrg['users']['admin']) => ({ id: u.id, username: u.username, password: u.password, profile: u.profile });
  return {
    name: org.name,
    orgId: org.orgId,
    instanceUrl: org.instanceUrl,
    loginUrl: org.loginUrl,
    users: { admin: user(org.users.admin), integration: user(org.users.integration), others: org.users.others.map(user) },
    connectedApp: {
      clientId: org.connectedApp.clientId,
      clientSecret: org.connectedApp.clientSecret,
      certificatePem: org.connectedApp.certificatePem,
      privateKeyPem: org.connectedApp.privateKeyPem,
    },
    ...(org.dataCloud ? { dataCloud: { tenantUrl: org.dataCloud.tenantUrl, tenantId: org.dataCloud.tenantId } } : {}),
  };
}

export type MockOrgDescription = ReturnType<typeof describeMockOrg>;
