import { DataCloudError } from '../errors.js';
import { sendHttp } from '../http/httpTransport.js';
import { apiErrorText, requireJson } from '../http/responseBody.js';
import type { CoreToken, TenantToken } from './types.js';

const CDP_GRANT = 'urn:salesforce:grant-type:external:cdp';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/**
 * The tenant endpoint from the exchange's instance_url, which may come without a scheme (the
 * JDBC driver prepends https://). Scheme-less: https, unless the core instance itself is plain
 * http (a loopback mock org), whose tenant then answers http too.
 */
export function tenantUrlFrom(instanceUrl: string, coreInstanceUrl: string): string {
  const trimmed = instanceUrl.trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  const scheme = /^http:\/\//i.test(coreInstanceUrl) ? 'http' : 'https';
  return `${scheme}://${trimmed}`;
}

/** The a360 exchange's outcome: a tenant token, or a refused core token (expired: log in again and retry). */
export type ExchangeResult = { kind: 'token'; token: TenantToken } | { kind: 'core-token-refused'; reason: string };

/** Exchanges a core token for a Data Cloud token at the core instance_url (never the login host). */
export async function exchangeToken(core: CoreToken, dataspace: string | undefined, nowMs: number): Promise<ExchangeResult> {
  const url = `${core.instanceUrl}/services/a360/token`;
  const form = new URLSearchParams({ grant_type: CDP_GRANT, subject_token: core.accessToken, subject_token_type: ACCESS_TOKEN_TYPE });
  if (dataspace !== undefined) form.set('dataspace', dataspace);
  let res;
  try {
    res = await sendHttp(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
  } catch (err) {
    throw new DataCloudError('TOKEN_EXCHANGE_FAILED', `Could not reach ${url} for the Data Cloud token exchange (${(err as Error).message}): check the network and the org's instance URL.`, { cause: err });
  }
  if (res.status === 401) return { kind: 'core-token-refused', reason: apiErrorText(res) };
  if (res.status !== 200) {
    const hint = dataspace !== undefined && res.status === 400 ? ` Check that the data space "${dataspace}" exists and the user can access it.` : ' Check that Data Cloud is provisioned and the connected app has the cdp_ingest_api scope.';
    if (res.json === undefined) requireJson(res, `The Data Cloud token exchange at ${url}`);
    throw new DataCloudError('TOKEN_EXCHANGE_FAILED', `The Data Cloud token exchange at ${url} failed: ${apiErrorText(res)}.${hint}`, { status: res.status });
  }
  const body = requireJson(res, `The Data Cloud token exchange at ${url}`);
  if (typeof body.access_token !== 'string' || typeof body.instance_url !== 'string' || body.instance_url.length === 0) {
    throw new DataCloudError('TOKEN_EXCHANGE_FAILED', `The Data Cloud token exchange at ${url} answered without access_token and instance_url: check that Data Cloud is provisioned in this org.`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 7200);
  return {
    kind: 'token',
    token: { accessToken: body.access_token, tenantUrl: tenantUrlFrom(body.instance_url, core.instanceUrl), expiresAt: nowMs + (Number.isFinite(expiresIn) ? expiresIn : 7200) * 1000 },
  };
}
