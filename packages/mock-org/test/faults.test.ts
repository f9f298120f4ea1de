import { Connection, OAuth2 } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compilePathGlob } from '../src/faults/pathGlob.js';
import { isLoopbackAddress } from '../src/faults/loopback.js';
import { FaultConfigError, startMockOrgs, type FaultRule, type MockOrg, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection, rawRequest } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;
let token: string;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: [{ name: 'A', usernamePasswordEnabled: true }], sourceDir: null });
  org = orgs.org('A');
  token = (await jwtConnection(org)).accessToken!;
});
afterEach(() => org.faults.clear());
afterAll(() => orgs.close());

const limitsPath = '/services/data/v65.0/limits';
const compositePath = '/services/data/v65.0/composite/sobjects';
const get = (path: string): Promise<Response> => fetch(`${org.instanceUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
const admin = (method: string, body?: unknown, target = org.instanceUrl, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${target}/__mock/faults`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });

describe('latency', () => {
  it('delays a matching request by at least the configured time', async () => {
    org.faults.set([{ match: { path: limitsPath }, latencyMs: 150 }]);
    const started = performance.now();
    expect((await get(limitsPath)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('draws a delay of at least min from a range', async () => {
    org.faults.set([{ match: { path: '/services/data' }, latencyMs: { min: 80, max: 120 } }]);
    const started = performance.now();
    expect((await get(limitsPath)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });
});

describe('error rate', () => {
  const statuses = async (count: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${org.instanceUrl}/services/data`);
      await res.arrayBuffer();
      out.push(res.status);
    }
    return out;
  };

  it('fails about errorRate of the requests, and exactly the same ones again with the same seed', async () => {
    const config = { seed: 42, rules: [{ match: { method: 'GET', path: '/services/data' }, errorRate: 0.3, error: 'SERVER_UNAVAILABLE' as const }] };
    org.faults.set(config);
    const first = await statuses(1000);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThanOrEqual(250);
    expect(failed).toBeLessThanOrEqual(350);
    expect(first.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
    expect(org.faults.get().fired).toEqual([failed]);

    org.faults.set(config);
    expect(await statuses(1000)).toEqual(first);
  });

  it('gives another sequence with another seed', async () => {
    const rules: FaultRule[] = [{ match: { path: '/services/data' }, errorRate: 0.5, error: 'UNKNOWN_EXCEPTION' }];
    org.faults.set({ seed: 1, rules });
    const one = await statuses(50);
    org.faults.set({ seed: 2, rules });
    expect(await statuses(50)).not.toEqual(one);
  });
});

describe('error kinds', () => {
  it.each([
    ['UNKNOWN_EXCEPTION', 500],
    ['SERVER_UNAVAILABLE', 503],
    ['REQUEST_LIMIT_EXCEEDED', 403],
    ['TOO_MANY_REQUESTS', 429],
  ] as const)('%s answers %i with the Salesforce error body and Retry-After', async (error, status) => {
    org.faults.set([{ match: { path: limitsPath }, error, retryAfterSeconds: 7 }]);
    const res = await get(limitsPath);
    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { errorCode: string; message: string }[];
    expect(body).toEqual([{ errorCode: error, message: expect.any(String) as string }]);
  });

  it('sends no Retry-After unless the rule asks for one', async () => {
    org.faults.set([{ match: { path: limitsPath }, error: 'SERVER_UNAVAILABLE' }]);
    const res = await get(limitsPath);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('reaches jsforce as REQUEST_LIMIT_EXCEEDED', async () => {
    const conn = await jwtConnection(org);
    org.faults.set([{ match: { path: '/services/data/*/query' }, error: 'REQUEST_LIMIT_EXCEEDED' }]);
    const err = await failure(conn.query('SELECT Id FROM User'));
    expect(err.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
  });
});

describe('dropped connections', () => {
  it('destroys the socket without a response, and the server keeps serving', async () => {
    org.faults.set([{ match: { path: limitsPath }, dropRate: 1, times: 1 }]);
    const err = await failure(get(limitsPath));
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err as { cause?: unknown }).cause)).toMatch(/socket|closed|reset/i);
    expect((await get(limitsPath)).status).toBe(200);
  });
});

describe('forced token expiry', () => {
  it('answers 401 INVALID_SESSION_ID and the token stays dead', async () => {
    const own = (await jwtConnection(org)).accessToken!;
    org.faults.set([{ match: { path: limitsPath }, expireTokenRate: 1, times: 1 }]);
    expect(await rawRequest(org, own, 'GET', limitsPath)).toEqual({ status: 401, json: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    expect((await rawRequest(org, own, 'GET', limitsPath)).status).toBe(401);
    expect((await rawRequest(org, token, 'GET', limitsPath)).status).toBe(200);
  });

  it('makes jsforce refresh its token and retry', async () => {
    const oauth2 = new OAuth2({ clientId: org.connectedApp.clientId, clientSecret: org.connectedApp.clientSecret, loginUrl: org.loginUrl });
    // jsforce's login() drops the refresh token of the username-password flow, so the tokens go in by hand.
    const tokens = await oauth2.authenticate(org.users.admin.username, org.users.admin.password);
    expect(tokens.refresh_token).toBeTruthy();
    const conn = new Connection({ oauth2, instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, version: '65.0' });
    const before = conn.accessToken;
    let refreshed = '';
    conn.on('refresh', (accessToken: string) => (refreshed = accessToken));
    org.faults.set([{ match: { path: '/services/data/*/query' }, expireTokenRate: 1, times: 1 }]);
    const result = await conn.query('SELECT Id FROM User');
    expect(result.totalSize).toBe(2);
    expect(refreshed).toBe(conn.accessToken);
    expect(conn.accessToken).not.toBe(before);
    expect(org.faults.get().fired).toEqual([1]);
  });
});

describe('rule matching', () => {
  it('fires a rule at most `times` times, then falls through to the next rule', async () => {
    org.faults.set([
      { match: { path: limitsPath }, error: 'UNKNOWN_EXCEPTION', times: 2 },
      { match: { path: limitsPath }, error: 'SERVER_UNAVAILABLE', times: 1 },
    ]);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await get(limitsPath)).status);
    expect(seen).toEqual([500, 500, 503, 200]);
    expect(org.faults.get().fired).toEqual([2, 1]);
  });

  it('only touches requests whose method and path match', async () => {
    org.faults.set([{ match: { method: 'post', path: '/services/data/*/composite/sobjects' }, error: 'SERVER_UNAVAILABLE' }]);
    const post = await rawRequest(org, token, 'POST', compositePath, JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'Account' }, Name: 'Faulty' }] }));
    expect(post.status).toBe(503);
    expect((await get(limitsPath)).status).toBe(200);
    expect((await rawRequest(org, token, 'DELETE', `${compositePath}?ids=001000000000000AAA`)).status).toBe(200);
    expect((await fetch(`${org.instanceUrl}/services/data`)).status).toBe(200);
  });

  it('faults a /composite call as one request, not its subrequests', async () => {
    org.faults.set([{ match: { path: '/services/data/*/sobjects' }, error: 'SERVER_UNAVAILABLE' }]);
    const body = { compositeRequest: [{ method: 'POST', url: '/services/data/v65.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Through composite' } }] };
    const res = await rawRequest(org, token, 'POST', '/services/data/v65.0/composite', JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ compositeResponse: [{ httpStatusCode: 201, referenceId: 'acct' }] });
    expect((await get('/services/data/v65.0/sobjects/Account')).status).toBe(503);
  });

  it('matches globs by whole segments, case-insensitively, as a prefix', () => {
    const cases: [string, string, boolean][] = [
      ['/services/data/*/composite/sobjects', '/services/data/v65.0/composite/sobjects', true],
      ['/services/data/*/composite/sobjects', '/services/data/v65.0/composite/sobjects/Account/Ext__c', true],
      ['/services/data/*/composite/sobjects', '/services/data/v65.0/composite', false],
      ['/services/data/*/composite/sobjects', '/services/data/v65.0/composite/sobjectsX', false],
      ['/services/data/v6*/query', '/services/data/v65.0/query', true],
      ['/services/data/v6*/query', '/services/data/v59.0/query', false],
      ['/services/**/query', '/services/data/v65.0/query', true],
      ['/services/data', '/SERVICES/Data/v65.0/limits', true],
      ['/services/data', '/services/database', false],
      ['/', '/anything/at/all', true],
    ];
    for (const [pattern, path, expected] of cases) expect([pattern, path, compilePathGlob(pattern).test(path)]).toEqual([pattern, path, expected]);
  });
});

describe('configuration at start', () => {
  it('applies the shared faults to every org unless an org has its own', async () => {
    const started = await startMockOrgs({
      orgs: ['X', 'Y', { name: 'Z', faults: { rules: [] } }],
      sourceDir: null,
      faults: { seed: 7, rules: [{ match: { path: '/services/data' }, error: 'SERVER_UNAVAILABLE', retryAfterSeconds: 2 }] },
    });
    try {
      const statusOf = async (name: string): Promise<number> => (await fetch(`${started.org(name).instanceUrl}/services/data`)).status;
      expect([await statusOf('X'), await statusOf('Y'), await statusOf('Z')]).toEqual([503, 503, 200]);
      expect(started.org('X').faults.get()).toMatchObject({ seed: 7, fired: [1] });
      expect(started.org('Y').faults.get().fired).toEqual([1]);
    } finally {
      await started.close();
    }
  });

  it('refuses a bad configuration before listening', async () => {
    const err = await failure(startMockOrgs({ orgs: ['X'], sourceDir: null, faults: { rules: [{ match: { path: '/' }, dropRate: 3 }] } }));
    expect(err).toBeInstanceOf(FaultConfigError);
    expect(err.message).toBe('rules[0].dropRate must be a number from 0 to 1.');
  });

  it('refuses a bad configuration from code at runtime', () => {
    expect(() => org.faults.set([{ match: { path: 'services' } } as FaultRule])).toThrow('rules[0].match.path must be a string starting with /.');
  });
});

describe('admin endpoint /__mock/faults', () => {
  it('sets, reads and clears the faults', async () => {
    const rules = [{ match: { path: limitsPath }, error: 'SERVER_UNAVAILABLE', retryAfterSeconds: 1 }];
    const put = await admin('PUT', { seed: 9, rules });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ seed: 9, rules, fired: [0] });
    expect((await get(limitsPath)).status).toBe(503);
    expect(await (await admin('GET')).json()).toEqual({ seed: 9, rules, fired: [1] });
    expect(await (await admin('DELETE')).json()).toEqual({ seed: 9, rules: [], fired: [] });
    expect((await get(limitsPath)).status).toBe(200);
  });

  it('is never faulted itself, so a catch-all rule can still be cleared', async () => {
    await admin('PUT', { rules: [{ match: { path: '/' }, dropRate: 1 }] });
    expect((await failure(fetch(`${org.instanceUrl}/services/data`))).name).toBe('TypeError');
    expect((await admin('DELETE')).status).toBe(200);
    expect((await fetch(`${org.instanceUrl}/services/data`)).status).toBe(200);
  });

  it.each([
    [{ rules: [{ match: { path: '/' }, errorRate: 1.5, error: 'UNKNOWN_EXCEPTION' }] }, 'rules[0].errorRate must be a number from 0 to 1.'],
    [{ rules: [{ match: { path: '/' }, error: 'TEAPOT' }] }, 'rules[0].error must be one of UNKNOWN_EXCEPTION, SERVER_UNAVAILABLE, REQUEST_LIMIT_EXCEEDED, TOO_MANY_REQUESTS.'],
    [{ rules: [{ match: { path: '/' }, latencyMs: -1 }] }, 'rules[0].latencyMs must be milliseconds ≥ 0 or { min, max } with 0 ≤ min ≤ max.'],
    [{ rules: [{ match: { path: '/' }, latencyMs: { min: 50, max: 10 } }] }, 'rules[0].latencyMs must be milliseconds ≥ 0 or { min, max } with 0 ≤ min ≤ max.'],
    [{ rules: [{ match: { path: '/' }, errorRate: 0.5 }] }, 'rules[0].errorRate needs an error (UNKNOWN_EXCEPTION, SERVER_UNAVAILABLE, REQUEST_LIMIT_EXCEEDED, TOO_MANY_REQUESTS).'],
    [{ rules: [{ match: { path: '/' }, dropRat: 0.5 }] }, 'rules[0].dropRat is not a fault rule field (match, latencyMs, errorRate, error, retryAfterSeconds, dropRate, expireTokenRate, times).'],
    [{ rules: [{ match: { path: '/' }, times: 1.5 }] }, 'rules[0].times must be a whole number ≥ 0.'],
    [{ seed: -1, rules: [] }, 'seed must be a whole number from 0 to 4294967295.'],
    [{ seed: 1 }, 'rules must be an array of fault rules.'],
  ])('refuses %j with 400', async (body, message) => {
    const res = await admin('PUT', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ errorCode: 'INVALID_FAULTS', message }]);
    expect(org.faults.get().rules).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await admin('PUT', '{rules:');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('refuses a request with an Origin header (a browser)', async () => {
    const res = await admin('PUT', { rules: [] }, org.instanceUrl, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([{ errorCode: 'FORBIDDEN', message: 'The fault admin endpoint answers only loopback callers without an Origin header.' }]);
  });

  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1', '::FFFF:127.9.9.9']) expect([address, isLoopbackAddress(address)]).toEqual([address, true]);
    for (const address of ['192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', '1127.0.0.1', '', undefined]) expect([address, isLoopbackAddress(address)]).toEqual([address, false]);
  });
});
