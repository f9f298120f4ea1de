import { randomBytes } from 'node:crypto';
import { autoPostPage, idpErrorPage, loggedOutPage, loginFormPage, type IdpPage } from './idpPages.js';
import { parseAuthnRequest } from './parseAuthnRequest.js';
import type { CreateResponseOptions, CreatedSamlResponse, MockIdpUser, TrustedServiceProvider } from './types.js';

/** A sign-in in progress: which SP gets the response, answering which request. */
interface PendingLogin {
  sp: TrustedServiceProvider;
  inResponseTo?: string;
  relayState?: string;
}

export interface IdpRouteContext {
  users: readonly MockIdpUser[];
  serviceProviders: ReadonlyMap<string, TrustedServiceProvider>;
  createResponse(options: CreateResponseOptions): CreatedSamlResponse;
  metadata(): string;
}

/** An IdP answer: a page, or a document with its own content type. */
export type IdpAnswer = IdpPage | { status: number; body: string; contentType: string };

// Abandoned sign-ins are forgotten oldest first, so a long-running IdP does not grow without bound.
const MAX_PENDING = 1000;

const findUser = (users: readonly MockIdpUser[], username: string): MockIdpUser | undefined =>
  users.find((u) => u.nameId === username) ?? users.find((u) => u.email !== undefined && u.email.toLowerCase() === username.toLowerCase());

const unknownSp = (message: string): IdpPage => idpErrorPage(403, 'Unknown service provider', message);

/** The IdP's endpoints: metadata, SSO (Redirect and POST bindings), the sign-in form, IdP-initiated login, logout. */
export function createIdpRoutes(ctx: IdpRouteContext): (method: string, url: URL, form: URLSearchParams) => IdpAnswer {
  const pending = new Map<string, PendingLogin>();

  const startLogin = (login: PendingLogin): IdpPage => {
    const loginId = randomBytes(24).toString('base64url');
    pending.set(loginId, login);
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    return loginFormPage(loginId, login.sp.entityId);
  };

  const spInitiated = (samlRequest: string | null, relayState: string | null, binding: 'redirect' | 'post'): IdpPage => {
    if (!samlRequest) return idpErrorPage(400, 'Bad request', 'The request has no SAMLRequest parameter: start the sign-in at the service provider.');
    const parsed = parseAuthnRequest(samlRequest, binding);
    if (!parsed.ok) return idpErrorPage(400, 'Bad request', parsed.message);
    const { id, issuer, acsUrl } = parsed.request;
    const sp = ctx.serviceProviders.get(issuer);
    if (!sp) return unknownSp(`The service provider "${issuer}" is not registered with this identity provider. Register its entity id and ACS URL first.`);
    if (acsUrl !== undefined && acsUrl !== sp.acsUrl) return unknownSp(`The ACS URL "${acsUrl}" is not the one registered for "${issuer}". Register the service provider with this ACS URL.`);
    return startLogin({ sp, inResponseTo: id, ...(relayState !== null ? { relayState } : {}) });
  };

  const submitLogin = (form: URLSearchParams): IdpPage => {
    const loginId = form.get('login') ?? '';
    const login = pending.get(loginId);
    if (!login) return idpErrorPage(400, 'Sign-in expired', 'This sign-in is no longer pending. Start again at the service provider.');
    const user = findUser(ctx.users, form.get('username') ?? '');
    // The same words for an unknown user and a wrong password, so the form does not reveal who exists.
    if (!user || user.password !== (form.get('password') ?? '')) return loginFormPage(loginId, login.sp.entityId, 'The username or password is not correct.');
    pending.delete(loginId);
    const response = ctx.createResponse({
      sp: login.sp,
      nameId: user.nameId,
      ...(login.inResponseTo !== undefined ? { inResponseTo: login.inResponseTo } : {}),
      ...(user.attributes || user.email ? { attributes: { ...(user.email ? { email: user.email } : {}), ...user.attributes } } : {}),
    });
    return autoPostPage(login.sp.acsUrl, response.samlResponse, login.relayState);
  };

  return (method, url, form) => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (method === 'GET' && path === '/metadata') return { status: 200, body: ctx.metadata(), contentType: 'application/samlmetadata+xml' };
    if (method === 'GET' && path === '/sso') return spInitiated(url.searchParams.get('SAMLRequest'), url.searchParams.get('RelayState'), 'redirect');
    if (method === 'POST' && path === '/sso') return spInitiated(form.get('SAMLRequest'), form.get('RelayState'), 'post');
    if (method === 'POST' && path === '/sso/login') return submitLogin(form);
    if (method === 'GET' && path === '/sso/idp-initiated') {
      const entityId = url.searchParams.get('sp') ?? '';
      const sp = ctx.serviceProviders.get(entityId);
      if (!sp) return unknownSp(`The service provider "${entityId}" is not registered with this identity provider. Pass a registered entity id as ?sp=.`);
      const relayState = url.searchParams.get('RelayState');
      return startLogin({ sp, ...(relayState !== null ? { relayState } : {}) });
    }
    // No IdP session exists to end: logging out only confirms it.
    if ((method === 'GET' || method === 'POST') && path === '/slo') return loggedOutPage();
    return idpErrorPage(404, 'Not found', `The mock identity provider has no page at ${path}.`);
  };
}
