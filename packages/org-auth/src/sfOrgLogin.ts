import type { CoreToken } from './coreToken.js';
import { OrgAuthError } from './orgAuthError.js';

type Connection = { accessToken?: string | null; instanceUrl: string; refreshAuth(): Promise<void> };
const connections = new Map<string, Promise<Connection>>();

async function connect(aliasOrUsername: string): Promise<Connection> {
  const { Org } = await import('@salesforce/core');
  try {
    const org = await Org.create({ aliasOrUsername });
    return org.getConnection() as unknown as Connection;
  } catch (err) {
    throw new OrgAuthError('SF_ORG_AUTH_FAILED', `The sf CLI has no usable authorization for "${aliasOrUsername}" (${(err as Error).message}). Run \`sf org login jwt\` or \`sf org login web\` for it, or pass JWT or client-credentials options instead.`, { cause: err });
  }
}

/** The org's current access token from the sf CLI's auth store; `fresh` refreshes it through @salesforce/core. */
export async function sfOrgToken(aliasOrUsername: string, fresh: boolean): Promise<CoreToken> {
  let pending = connections.get(aliasOrUsername);
  if (!pending) {
    pending = connect(aliasOrUsername);
    connections.set(aliasOrUsername, pending);
    pending.catch(() => connections.delete(aliasOrUsername));
  }
  const conn = await pending;
  if (fresh) {
    try {
      await conn.refreshAuth();
    } catch (err) {
      throw new OrgAuthError('SF_ORG_AUTH_FAILED', `Could not refresh the sf CLI authorization for "${aliasOrUsername}" (${(err as Error).message}): log in again with \`sf org login\`.`, { cause: err });
    }
  }
  if (!conn.accessToken) throw new OrgAuthError('SF_ORG_AUTH_FAILED', `The sf CLI authorization for "${aliasOrUsername}" has no access token: log in again with \`sf org login\`.`);
  return { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl.replace(/\/+$/, '') };
}
