import { createHmac, randomBytes } from 'node:crypto';
import type { Session } from '../auth/sessions.js';

/** A tenant token's session: the core user it was exchanged for and the data space it reads. */
export interface TenantSession extends Session {
  dataspace: string;
}

/** The tenant's own tokens: a core token never appears here, so the tenant refuses it. */
export interface TenantTokenStore {
  issue(core: Session, dataspace: string): TenantSession;
  get(accessToken: string): TenantSession | undefined;
  expire(accessToken: string): void;
  expireAll(): void;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens shaped like the real exchange's JWTs (clients may decode `exp`), signed with a secret that
 * lives only in memory: a restarted tenant has no tokens, so clients exchange again (401 → refresh).
 */
export function createTenantTokenStore(tenantId: string, ttlMs: number, now: () => Date): TenantTokenStore {
  const secret = randomBytes(32);
  const tokens = new Map<string, TenantSession>();
  return {
    issue(core, dataspace) {
      const issuedAt = now().getTime();
      const expiresAt = issuedAt + ttlMs;
      const header = base64url({ alg: 'HS256', typ: 'JWT' });
      const claims = base64url({ sub: core.userId, aud: tenantId, dataspace, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), jti: randomBytes(12).toString('hex') });
      const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
      const session: TenantSession = { accessToken: `${header}.${claims}.${signature}`, userId: core.userId, clientId: core.clientId, issuedAt, expiresAt, dataspace };
      tokens.set(session.accessToken, session);
      return session;
    },
    get(accessToken) {
      const session = tokens.get(accessToken);
      if (!session) return undefined;
      if (session.expiresAt <= now().getTime()) {
        tokens.delete(accessToken);
        return undefined;
      }
      return session;
    },
    expire: (accessToken) => void tokens.delete(accessToken),
    expireAll: () => tokens.clear(),
  };
}
