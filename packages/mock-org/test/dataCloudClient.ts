import { readFileSync } from 'node:fs';
import type { MockOrg, StreamConfig } from '../src/index.js';

export const TELEMETRY_YAML = readFileSync(new URL('./fixtures/telemetry.yaml', import.meta.url), 'utf8');

/** The stream config the tests use: Panel has no *Id field, so it names its key. */
export const TELEMETRY_STREAMS: StreamConfig[] = [
  { object: 'BatteryStatus', category: 'Engagement', eventTimeField: 'eventTime' },
  { object: 'Panel', primaryKey: 'serial' },
];

/** A core access token by client credentials, as a backend service would get one. */
export async function coreToken(org: MockOrg): Promise<string> {
  const res = await fetch(`${org.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: org.connectedApp.clientId, client_secret: org.connectedApp.clientSecret }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export interface ExchangeAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** `POST {host}/services/a360/token` with the form a Data Cloud client sends. */
export async function exchange(host: string, subjectToken: string, extra: Record<string, string> = {}): Promise<ExchangeAnswer> {
  const res = await fetch(`${host}/services/a360/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:salesforce:grant-type:external:cdp',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      ...extra,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A tenant token for the org, through the real two steps. */
export async function tenantToken(org: MockOrg): Promise<string> {
  const answer = await exchange(org.instanceUrl, await coreToken(org));
  return answer.body.access_token as string;
}

/** The tenant's JSON answers: the Data Cloud error body, a job, a query result. */
export interface TenantBody {
  [key: string]: unknown;
  message?: string;
  internalErrorCode?: string;
  id?: string;
  state?: string;
  data?: unknown;
  validationReport?: { valid: boolean; recordCount?: number; errors: { recordIndex: number; field?: string; message: string }[] };
}

export interface TenantAnswer {
  status: number;
  headers: Headers;
  body: TenantBody;
}

/** One request to the tenant; `body` is sent as is when it is a string, as JSON otherwise. */
export async function tenantRequest(org: MockOrg, token: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<TenantAnswer> {
  const res = await fetch(`${org.dataCloud!.tenantUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as TenantBody) : {} };
}

/** Rows of the DLO through the Query API, as a user checking what landed would read them. */
export async function queryRows(org: MockOrg, token: string, sql: string): Promise<unknown[][]> {
  const answer = await tenantRequest(org, token, 'POST', '/api/v2/query', { sql });
  if (answer.status !== 200) throw new Error(`query answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.data as unknown[][];
}

/** A valid BatteryStatus event. */
export const battery = (i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: `ev-${i}`,
  deviceId: `dev-${i % 7}`,
  batteryLevel: i % 101,
  charging: i % 2 === 0,
  eventTime: '2026-11-26T12:00:00.000Z',
  readingDate: '2026-11-26',
  site: 'Lyon',
  ...overrides,
});
