import type { Server } from 'node:http';
import { createMockServer } from '../../http/createMockServer.js';
import type { AddressInfo } from 'node:net';
import { createIdpSigningKey } from './idpCertificate.js';
import { MockIdpError } from './idpErrors.js';
import { idpMetadata } from './idpMetadata.js';
import { createIdpRoutes, type IdpAnswer } from './idpRoutes.js';
import { createResponseFactory } from './responseFactory.js';
import type { MockIdp, MockIdpOptions, MockIdpUser, TrustedServiceProvider } from './types.js';

export { MockIdpError } from './idpErrors.js';
export type { CreateResponseOptions, CreatedSamlResponse, IdpCertificateValidity, MockIdp, MockIdpOptions, MockIdpUser, SamlSigning, TrustedServiceProvider } from './types.js';

// An AuthnRequest or a sign-in form is a few KB; anything far larger is not one.
const MAX_BODY_BYTES = 1024 * 1024;

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

function checkSp(sp: TrustedServiceProvider): TrustedServiceProvider {
  if (!sp.entityId || !URL.canParse(sp.acsUrl)) throw new MockIdpError('IDP_BAD_OPTIONS', `A service provider needs an entityId and an absolute acsUrl (got entityId "${sp.entityId}", acsUrl "${sp.acsUrl}").`);
  return { entityId: sp.entityId, acsUrl: sp.acsUrl };
}

function headersFor(answer: IdpAnswer): Record<string, string> {
  // No framing and no caching: a sign-in page is what clickjacking and shared caches go after.
  const common = { 'cache-control': 'no-store', 'x-frame-options': 'DENY' };
  return 'html' in answer ? { ...common, 'content-type': 'text/html;charset=UTF-8' } : { ...common, 'content-type': answer.contentType };
}

/**
 * Starts a SAML 2.0 identity provider on its own loopback port: metadata, a sign-in form for
 * configured users, and signed responses to trusted service providers (SP- and IdP-initiated).
 */
export async function startMockIdp(options: MockIdpOptions = {}): Promise<MockIdp> {
  const now = options.now ?? ((): Date => new Date());
  const host = options.host ?? '127.0.0.1';
  const users: MockIdpUser[] = [...(options.users ?? [])];
  const serviceProviders = new Map<string, TrustedServiceProvider>();
  for (const sp of options.serviceProviders ?? []) serviceProviders.set(sp.entityId, checkSp(sp));
  // The key comes first: bad certificate options fail before a port is taken.
  const key = createIdpSigningKey(options.entityId ?? 'orgkit mock IdP', options.certificate ?? {}, now());

  let url = '';
  let entityId = '';
  const createResponse = createResponseFactory({
    entityId: () => entityId,
    key,
    signing: options.signing ?? 'both',
    ...(options.nameIdFormat !== undefined ? { nameIdFormat: options.nameIdFormat } : {}),
    lifetimeMs: (options.assertionLifetimeSeconds ?? 300) * 1000,
    now,
    serviceProviders,
  });
  const metadata = (): string => idpMetadata({ entityId, ssoUrl: `${url}/sso`, sloUrl: `${url}/slo`, certificateBase64: key.certificateBase64, ...(options.nameIdFormat !== undefined ? { nameIdFormat: options.nameIdFormat } : {}) });
  const route = createIdpRoutes({ users, serviceProviders, createResponse, metadata });

  const server = createMockServer((req, res) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      if (received <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let answer: IdpAnswer;
      if (received > MAX_BODY_BYTES) answer = { status: 413, body: 'Request body too large.', contentType: 'text/plain;charset=UTF-8' };
      else {
        const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
        const form = new URLSearchParams(isForm ? Buffer.concat(chunks).toString('utf8') : '');
        try {
          answer = route(req.method ?? 'GET', new URL(req.url ?? '/', url), form);
        } catch {
          // Never a stack trace (it could carry request data) to the browser.
          answer = { status: 500, body: 'The mock identity provider failed to answer this request.', contentType: 'text/plain;charset=UTF-8' };
        }
      }
      res.writeHead(answer.status, headersFor(answer));
      res.end('html' in answer ? answer.html : answer.body);
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  url = `http://${urlHost}:${port}`;
  entityId = options.entityId ?? url;

  return {
    url,
    entityId,
    metadataUrl: `${url}/metadata`,
    ssoUrl: `${url}/sso`,
    sloUrl: `${url}/slo`,
    certificatePem: key.certificatePem,
    certificateBase64: key.certificateBase64,
    certificateValidity: { notBefore: key.notBefore, notAfter: key.notAfter },
    metadata,
    addServiceProvider: (sp) => void serviceProviders.set(sp.entityId, checkSp(sp)),
    addUser: (user) => void users.push(user),
    createResponse,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
