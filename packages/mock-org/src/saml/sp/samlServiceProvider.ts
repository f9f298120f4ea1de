import type { RequestContext, RouteModule, RouteResponse } from '../../http/types.js';
import type { OrgState } from '../../org.js';
import { findSsoUser } from './findSsoUser.js';
import { recordLogin } from './loginHistory.js';
import { createSaml } from './orgClockSaml.js';
import { badRequestPage, homePage, loginPage, postBindingPage, samlOffPage, ssoErrorPage } from './pages.js';
import { createRequestIdCache } from './requestIds.js';
import { SamlLoginFailure, categorize } from './samlFailure.js';
import { validateSamlSsoConfig, type SamlSsoConfig } from './samlSsoConfig.js';
import { validateSamlResponse } from './validateSamlResponse.js';
import { saveSamlSsoConfigRecord } from './samlSsoConfigRecord.js';

/** The org's SAML side as tests and `orgkit mock start` see it. */
export interface MockOrgSaml {
  /** Adds a config (or replaces the one with the same name), as a deploy would. */
  register(config: SamlSsoConfig): void;
  configs(): readonly SamlSsoConfig[];
  /** SAML Enabled (Setup → Single Sign-On Settings): off, the login page offers no IdP and SAML is refused. */
  enabled(): boolean;
  setEnabled(on: boolean): void;
  /** The Login/ACS URL Salesforce shows for the config: `{instanceUrl}?so=<15-char org id>`. */
  acsUrl(): string;
}

const SESSION_COOKIE = 'sid';
const SEEN_ASSERTIONS_MAX = 10_000;
/** Marks SAML sessions apart from connected-app tokens. */
const SAML_CLIENT_ID = 'SAML_SSO';

export const samlAcsUrl = (org: OrgState): string => `${org.instanceUrl}?so=${org.orgId.slice(0, 15)}`;

const cookie = (ctx: RequestContext, name: string): string | undefined => {
  const header = ctx.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
};

/** RelayState and startURL may only point back into this org: a path, never another origin. */
function sameOriginPath(org: OrgState, target: string | null | undefined): string | undefined {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return undefined;
  try {
    const url = new URL(target, org.instanceUrl);
    return url.origin === new URL(org.instanceUrl).origin ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

const redirect = (location: string, headers: Record<string, string> = {}): RouteResponse => ({ status: 302, headers: { location, 'cache-control': 'no-store', ...headers } });

/**
 * The org as a SAML 2.0 service provider: login page, AuthnRequests (Redirect or POST binding),
 * and the ACS at `POST /?so=<orgId>` that turns a valid response into a `sid` session.
 */
export function createSamlServiceProvider(org: OrgState, initial: readonly SamlSsoConfig[]): { module: RouteModule; api: MockOrgSaml } {
  const configs = new Map<string, SamlSsoConfig>(initial.map((c) => [c.name, validateSamlSsoConfig(c)]));
  for (const config of configs.values()) saveSamlSsoConfigRecord(org, config);
  const requestIds = createRequestIdCache();
  const seen = new Set<string>();
  const seenAssertionIds = {
    has: (id: string) => seen.has(id),
    add: (id: string) => {
      if (seen.size >= SEEN_ASSERTIONS_MAX) seen.delete(seen.values().next().value!);
      seen.add(id);
    },
  };
  const list = (): SamlSsoConfig[] => [...configs.values()];
  const sessionUser = (ctx: RequestContext) => {
    const session = ctx.org.sessions.get(cookie(ctx, SESSION_COOKIE) ?? '');
    return session && ctx.org.store.byId(session.userId);
  };
  const showLogin = (ctx: RequestContext): RouteResponse => loginPage(ctx.org.name, list(), sameOriginPath(ctx.org, ctx.query.get('startURL')), ctx.org.settings.samlEnabled);

  async function acs(ctx: RequestContext): Promise<RouteResponse> {
    const so = ctx.query.get('so') ?? '';
    if ((so.length !== 15 && so.length !== 18) || so.slice(0, 15) !== ctx.org.orgId.slice(0, 15)) return badRequestPage('This login URL names another organization: check the ACS URL configured at your identity provider.');
    if (!ctx.org.settings.samlEnabled) return samlOffPage();
    const samlResponse = ctx.form?.get('SAMLResponse');
    if (!samlResponse) return badRequestPage('The request carries no SAMLResponse: post the form your identity provider returned.');
    const result = await validateSamlResponse(samlResponse, { configs: list(), acsUrl: samlAcsUrl(ctx.org), now: ctx.org.now, requestIds, seenAssertionIds });
    const entry = { loginType: result.loginType, ...(ctx.remoteAddress !== undefined ? { sourceIp: ctx.remoteAddress } : {}), ...(typeof ctx.headers['user-agent'] === 'string' ? { userAgent: ctx.headers['user-agent'] } : {}) };
    try {
      if (!result.ok) throw new SamlLoginFailure(result.category);
      const userId = findSsoUser(ctx.org, result.config, result.identity).Id as string;
      const session = ctx.org.sessions.issue(userId, SAML_CLIENT_ID, { withRefreshToken: false });
      recordLogin(ctx.org, { ...entry, userId, status: 'Success' });
      const target = sameOriginPath(ctx.org, ctx.form?.get('RelayState')) ?? '/home';
      return redirect(target, { 'set-cookie': `${SESSION_COOKIE}=${session.accessToken}; HttpOnly; SameSite=Lax; Path=/` });
    } catch (err) {
      const category = categorize(err);
      const userId = err instanceof SamlLoginFailure ? err.userId : undefined;
      recordLogin(ctx.org, { ...entry, ...(userId ? { userId } : {}), status: category });
      return ssoErrorPage(category);
    }
  }

  async function authn(ctx: RequestContext): Promise<RouteResponse> {
    if (!ctx.org.settings.samlEnabled) return samlOffPage();
    const config = configs.get(ctx.query.get('idp') ?? '');
    if (!config?.loginUrl) return badRequestPage('No identity provider by that name has a login URL: pick one on the login page.');
    const saml = createSaml(config, samlAcsUrl(ctx.org), requestIds, ctx.org.now);
    const relayState = sameOriginPath(ctx.org, ctx.query.get('startURL')) ?? '/home';
    if (config.redirectBinding) return redirect(await saml.getAuthorizeUrlAsync(relayState, undefined, {}));
    const fields = await saml.getAuthorizeMessageAsync(relayState);
    return postBindingPage(config.name, config.loginUrl, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])));
  }

  const module: RouteModule = {
    name: 'saml-sp',
    routes: [
      { method: 'GET', path: '/', auth: 'public', handler: (ctx) => (sessionUser(ctx) ? redirect('/home') : showLogin(ctx)) },
      { method: 'GET', path: '/login', auth: 'public', handler: showLogin },
      { method: 'POST', path: '/', auth: 'public', handler: acs },
      { method: 'GET', path: '/saml/authn', auth: 'public', handler: authn },
      {
        method: 'GET',
        path: '/home',
        auth: 'public',
        handler: (ctx) => {
          const user = sessionUser(ctx);
          if (!user) return redirect(`/login?startURL=${encodeURIComponent('/home')}`);
          const name = [user.FirstName, user.LastName].filter((p) => typeof p === 'string' && p).join(' ');
          return homePage(ctx.org.name, name, String(user.Username));
        },
      },
    ],
  };
  const api: MockOrgSaml = {
    register(config) {
      const valid = validateSamlSsoConfig(config);
      configs.set(valid.name, valid);
      saveSamlSsoConfigRecord(org, valid);
    },
    configs: list,
    enabled: () => org.settings.samlEnabled,
    setEnabled(on) {
      org.settings.samlEnabled = on;
    },
    acsUrl: () => samlAcsUrl(org),
  };
  return { module, api };
}
