import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { SamlSsoConfig } from './samlSsoConfig.js';

/** Salesforce tolerates three minutes of clock difference between IdP and org. */
export const CLOCK_SKEW_MS = 3 * 60_000;
/** An assertion older than five minutes (by IssueInstant) is expired whatever its NotOnOrAfter says. */
const MAX_ASSERTION_AGE_MS = 5 * 60_000;

/** node-saml reads the wall clock; the org's time windows follow the org's clock (tests pin it). */
class OrgClockSaml extends SAML {
  constructor(
    options: ConstructorParameters<typeof SAML>[0],
    private readonly orgNow: () => Date,
  ) {
    super(options);
  }

  protected override checkTimestampsValidityError(_nowMs: number, notBefore: string, notOnOrAfter: string, maxTimeLimitMs?: number): Error | null {
    return super.checkTimestampsValidityError(this.orgNow().getTime(), notBefore, notOnOrAfter, maxTimeLimitMs);
  }
}

export const toPem = (base64Der: string): string => `-----BEGIN CERTIFICATE-----\n${base64Der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/** The node-saml SP for one config: either the response or the assertion must carry a valid signature by validationCert. */
export function createSaml(config: SamlSsoConfig, acsUrl: string, requestIds: CacheProvider, now: () => Date): SAML {
  return new OrgClockSaml(
    {
      idpCert: toPem(config.validationCert),
      issuer: config.samlEntityId,
      audience: config.samlEntityId,
      callbackUrl: acsUrl,
      ...(config.loginUrl ? { entryPoint: config.loginUrl } : {}),
      authnRequestBinding: config.redirectBinding ? 'HTTP-Redirect' : 'HTTP-POST',
      // HTTP-POST carries the request plain base64; only HTTP-Redirect deflates it.
      skipRequestCompression: !config.redirectBinding,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      disableRequestedAuthnContext: true,
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      requestIdExpirationPeriodMs: 10 * 60_000,
      cacheProvider: requestIds,
    },
    now,
  );
}
