import { createSign } from 'node:crypto';
import { Connection } from 'jsforce';
import type { MockOrg } from '../src/index.js';

/** A JWT bearer assertion signed with the org's connected-app key, as a CI job would make it. */
export function signJwt(org: MockOrg, username: string, claims: Record<string, unknown> = {}): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256' });
  const body = encode({ iss: org.connectedApp.clientId, sub: username, aud: org.loginUrl, exp: Math.floor(Date.now() / 1000) + 300, ...claims });
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(org.connectedApp.privateKeyPem).toString('base64url');
  return `${header}.${body}.${signature}`;
}

/** A jsforce connection logged in by JWT bearer as the org's admin. */
export async function jwtConnection(org: MockOrg): Promise<Connection> {
  const conn = new Connection({ loginUrl: org.loginUrl, version: '65.0' });
  await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(org, org.users.admin.username) });
  return conn;
}

/** Plain fetch with the connection's token, for requests jsforce would not send (malformed bodies). */
export async function rawRequest(org: MockOrg, token: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${org.instanceUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The error a client call rejects with (fails the test when it resolves). */
export async function failure(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { errorCode?: string; data?: unknown };
  }
  throw new Error('expected the call to fail');
}
