import { randomBytes } from 'node:crypto';

/** An access token's session: who it runs as, through which app, until when. */
export interface Session {
  accessToken: string;
  userId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  refreshToken?: string;
}

export interface SessionStore {
  /** A new access token shaped like the real ones: the 15-char org id, '!', then random characters. */
  issue(userId: string, clientId: string, options: { withRefreshToken: boolean }): Session;
  /** The live session for an access token; expired and revoked tokens are undefined. */
  get(accessToken: string): Session | undefined;
  /** The user and app behind a refresh token (they do not expire unless revoked). */
  refresh(refreshToken: string): { userId: string; clientId: string } | undefined;
  /** Revokes an access or refresh token (a refresh token takes its access tokens with it). */
  revoke(token: string): boolean;
  /** Ends a session at once (tests use it to make a client refresh). */
  expire(accessToken: string): void;
}

/** Where sessions live beyond memory (the org's SQLite file with a dataDir); each call persists one change. */
export interface SessionBacking {
  load(): { sessions: Session[]; refreshTokens: [string, { userId: string; clientId: string }][] };
  saveSession(session: Session): void;
  deleteSession(accessToken: string): void;
  saveRefreshToken(token: string, owner: { userId: string; clientId: string }): void;
  deleteRefreshToken(token: string): void;
}

const tokenChars = (length: number): string => randomBytes(length).toString('base64').replace(/[+/=]/g, '').slice(0, length);

export function createSessionStore(orgId: string, ttlMs: number, now: () => Date, backing?: SessionBacking): SessionStore {
  const loaded = backing?.load();
  const sessions = new Map<string, Session>(loaded?.sessions.map((s) => [s.accessToken, s]));
  const refreshTokens = new Map<string, { userId: string; clientId: string }>(loaded?.refreshTokens);
  const org15 = orgId.slice(0, 15);
  return {
    issue(userId, clientId, { withRefreshToken }) {
      const issuedAt = now().getTime();
      const session: Session = { accessToken: `${org15}!AQ${tokenChars(94)}`, userId, clientId, issuedAt, expiresAt: issuedAt + ttlMs };
      if (withRefreshToken) {
        session.refreshToken = `5Aep861${tokenChars(80)}`;
        refreshTokens.set(session.refreshToken, { userId, clientId });
        backing?.saveRefreshToken(session.refreshToken, { userId, clientId });
      }
      sessions.set(session.accessToken, session);
      backing?.saveSession(session);
      return session;
    },
    get(accessToken) {
      const session = sessions.get(accessToken);
      if (!session) return undefined;
      if (session.expiresAt <= now().getTime()) {
        sessions.delete(accessToken);
        backing?.deleteSession(accessToken);
        return undefined;
      }
      return session;
    },
    refresh: (refreshToken) => refreshTokens.get(refreshToken),
    revoke(token) {
      if (refreshTokens.delete(token)) {
        backing?.deleteRefreshToken(token);
        for (const [key, s] of sessions) {
          if (s.refreshToken !== token) continue;
          sessions.delete(key);
          backing?.deleteSession(key);
        }
        return true;
      }
      backing?.deleteSession(token);
      return sessions.delete(token);
    },
    expire(accessToken) {
      const session = sessions.get(accessToken);
      if (!session) return;
      session.expiresAt = 0;
      backing?.saveSession(session);
    },
  };
}
