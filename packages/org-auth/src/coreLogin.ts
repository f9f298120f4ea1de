import type { CoreAuth } from './coreAuth.js';
import type { CoreToken, CoreTokenSource } from './coreToken.js';
import { readPrivateKey, signJwtAssertion } from './jwtAssertion.js';
import { OrgAuthError } from './orgAuthError.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const trimUrl = (url: string): string => url.replace(/\/+$/, '');

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** What the token endpoint said: OAuth's error_description and error, or the start of a non-JSON body. */
function oauthErrorText(status: number, body: Record<string, unknown> | undefined, text: string): string {
  const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
  const error = typeof body?.error === 'string' ? body.error : undefined;
  if (description || error) return [description, error && error !== description ? `(${error})` : undefined].filter(Boolean).join(' ');
  const snippet = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
  return snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status} with an empty body`;
}

/** POST {loginUrl}/services/oauth2/token with a form; the answer's instance_url is where the exchange goes. */
async function oauthToken(loginUrl: string, form: Record<string, string>, flow: string): Promise<CoreToken> {
  const url = `${trimUrl(loginUrl)}/services/oauth2/token`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(form).toString() });
    text = await res.text();
  } catch (err) {
    throw new OrgAuthError('CORE_AUTH_FAILED', `Could not reach ${url} for the ${flow} login (${(err as Error).message}): check the login URL and the network.`, { cause: err });
  }
  const body = parseObject(text);
  if (res.status !== 200) {
    const hint = flow === 'JWT bearer' ? 'check the client id, the username and that the private key matches the certificate uploaded to the connected app' : 'check the client id and secret and that the client credentials flow is enabled with a run-as user';
    throw new OrgAuthError('CORE_AUTH_FAILED', `Salesforce refused the ${flow} login at ${trimUrl(loginUrl)}: ${oauthErrorText(res.status, body, text)}. ${hint[0]!.toUpperCase()}${hint.slice(1)}.`, { status: res.status });
  }
  if (typeof body?.access_token !== 'string' || typeof body.instance_url !== 'string') {
    throw new OrgAuthError('CORE_AUTH_FAILED', `The token endpoint ${url} answered without access_token and instance_url${/^\s*</.test(text) ? ' (an HTML page)' : ''}: check the login URL points at a Salesforce org.`);
  }
  return { accessToken: body.access_token, instanceUrl: trimUrl(body.instance_url) };
}

/** Core tokens for each kind of login; jwt and client credentials log in again on each call. */
export function createCoreTokenSource(core: CoreAuth): CoreTokenSource {
  switch (core.kind) {
    case 'jwt': {
      const key = readPrivateKey(core.privateKeyPem);
      return () => oauthToken(core.loginUrl, { grant_type: JWT_GRANT, assertion: signJwtAssertion({ loginUrl: core.loginUrl, clientId: core.clientId, username: core.username, key }) }, 'JWT bearer');
    }
    case 'client-credentials':
      return () => oauthToken(core.loginUrl, { grant_type: 'client_credentials', client_id: core.clientId, client_secret: core.clientSecret }, 'client credentials');
    case 'access-token': {
      const token = { accessToken: core.accessToken, instanceUrl: trimUrl(core.instanceUrl) };
      return () => Promise.resolve(token);
    }
    case 'sf-org':
      return async (fresh) => {
        // Loaded only when used: @salesforce/core is heavy and reads the home folder at load.
        const { sfOrgToken } = await import('./sfOrgLogin.js');
        return sfOrgToken(core.aliasOrUsername, fresh);
      };
    default:
      throw new OrgAuthError('INVALID_OPTIONS', `Unknown core auth kind ${JSON.stringify((core as { kind?: unknown }).kind)}: use jwt, client-credentials, sf-org or access-token.`);
  }
}
