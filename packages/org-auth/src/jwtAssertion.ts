import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { OrgAuthError } from './orgAuthError.js';

/** Salesforce accepts assertions valid for at most 3 minutes. */
const LIFETIME_SECONDS = 170;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Reads the connected app's private key once, with an error that says what a usable key looks like. */
export function readPrivateKey(privateKeyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (err) {
    throw new OrgAuthError(
      'INVALID_PRIVATE_KEY',
      'The JWT private key could not be read: give the RSA private key (PEM, "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----") whose certificate is uploaded to the connected app or External Client App.',
      { cause: err instanceof Error ? new Error(err.message) : undefined },
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new OrgAuthError('INVALID_PRIVATE_KEY', `The JWT private key is ${key.asymmetricKeyType ?? 'not asymmetric'}, but Salesforce signs JWT bearer assertions with RS256: give an RSA private key.`);
  }
  return key;
}

/** The JWT bearer assertion: aud = login URL, iss = client id, sub = username, RS256. */
export function signJwtAssertion(input: { loginUrl: string; clientId: string; username: string; key: KeyObject; nowMs?: number }): string {
  const exp = Math.floor((input.nowMs ?? Date.now()) / 1000) + LIFETIME_SECONDS;
  const signingInput = `${encode({ alg: 'RS256' })}.${encode({ iss: input.clientId, sub: input.username, aud: input.loginUrl.replace(/\/+$/, ''), exp })}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), input.key).toString('base64url')}`;
}
