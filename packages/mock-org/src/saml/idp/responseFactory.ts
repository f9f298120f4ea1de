import { buildSamlResponse } from './buildSamlResponse.js';
import type { IdpSigningKey } from './idpCertificate.js';
import { MockIdpError } from './idpErrors.js';
import { samlId } from './samlXml.js';
import { signSamlResponse } from './signSamlResponse.js';
import type { CreateResponseOptions, CreatedSamlResponse, SamlSigning, TrustedServiceProvider } from './types.js';

export interface ResponseFactoryContext {
  entityId: () => string;
  key: IdpSigningKey;
  signing: SamlSigning;
  nameIdFormat?: string;
  lifetimeMs: number;
  now: () => Date;
  serviceProviders: ReadonlyMap<string, TrustedServiceProvider>;
}

/** Builds signed responses with the IdP's defaults; every default can be overridden for negative tests. */
export function createResponseFactory(ctx: ResponseFactoryContext): (options: CreateResponseOptions) => CreatedSamlResponse {
  return (options) => {
    const sp = typeof options.sp === 'string' ? ctx.serviceProviders.get(options.sp) : options.sp;
    if (!sp) throw new MockIdpError('IDP_UNKNOWN_SP', `The mock IdP does not trust the service provider "${String(options.sp)}": add it with addServiceProvider({ entityId, acsUrl }).`);
    const now = ctx.now();
    const nameIdFormat = options.nameIdFormat ?? ctx.nameIdFormat;
    const responseId = samlId();
    const assertionId = samlId();
    const xml = buildSamlResponse({
      responseId,
      assertionId,
      issuer: options.issuer ?? ctx.entityId(),
      issueInstant: now,
      recipient: options.recipient ?? sp.acsUrl,
      audience: options.audience ?? sp.entityId,
      nameId: options.nameId,
      ...(nameIdFormat !== undefined ? { nameIdFormat } : {}),
      ...(options.inResponseTo !== undefined ? { inResponseTo: options.inResponseTo } : {}),
      notBefore: options.notBefore ?? now,
      notOnOrAfter: options.notOnOrAfter ?? new Date(now.getTime() + ctx.lifetimeMs),
      sessionIndex: samlId(),
      attributes: options.attributes ?? {},
    });
    const signed = signSamlResponse(xml, options.sign ?? ctx.signing, ctx.key);
    return { xml: signed, samlResponse: Buffer.from(signed, 'utf8').toString('base64'), responseId, assertionId };
  };
}
