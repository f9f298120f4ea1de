import { X509Certificate, verify } from 'node:crypto';
import { OAuthError } from '../errors.js';

/** The claims the JWT bearer flow reads. */
export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
}

const decodePart = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const invalid = (description: string): OAuthError => new OAuthError(400, 'invalid_grant', description);

/** Splits and decodes an assertion without trusting it yet (the issuer picks the certificate). */
export function decodeJwt(assertion: string): { header: { alg?: string }; claims: Partial<JwtClaims>; signingInput: string; signature: Buffer } {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw invalid('invalid assertion');
  try {
    return {
      header: decodePart(parts[0]!) as { alg?: string },
      claims: decodePart(parts[1]!) as Partial<JwtClaims>,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    throw invalid('invalid assertion');
  }
}

/**
 * Checks an assertion as Salesforce does: RS256 signed with the connected app's certificate,
 * an audience among the accepted login URLs, not expired. Returns the claims.
 */
export function verifyJwt(assertion: string, certificatePem: string, acceptedAudiences: string[], nowMs: number): JwtClaims {
  const { header, claims, signingInput, signature } = decodeJwt(assertion);
  if (header.alg !== 'RS256') throw invalid('invalid assertion');
  const key = new X509Certificate(certificatePem).publicKey;
  if (!verify('RSA-SHA256', Buffer.from(signingInput), key, signature)) throw invalid('invalid assertion');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const normalized = (url: unknown): string => String(url).replace(/\/+$/, '').toLowerCase();
  if (!audiences.some((a) => acceptedAudiences.map(normalized).includes(normalized(a)))) throw invalid('audience is invalid');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) throw invalid('expired authorization code');
  if (typeof claims.sub !== 'string' || typeof claims.iss !== 'string') throw invalid('invalid assertion');
  return claims as JwtClaims;
}
