import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCoreAuth } from '../src/index.js';

let dir: string;
let keyFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-auth-flags-'));
  keyFile = path.join(dir, 'server.key');
  await writeFile(keyFile, '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const JWT_ENV = () => ({ ORGKIT_LOGIN_URL: 'https://example.my.salesforce.com', ORGKIT_CLIENT_ID: 'cid', ORGKIT_USERNAME: 'int@example.com', ORGKIT_JWT_KEY_FILE: keyFile });

describe('the login flags of orgkit commands', () => {
  it('builds a JWT login from the variables `orgkit mock start --write-env` writes, reading the key file', () => {
    expect(resolveCoreAuth({}, JWT_ENV())).toEqual({
      kind: 'jwt',
      loginUrl: 'https://example.my.salesforce.com',
      clientId: 'cid',
      username: 'int@example.com',
      privateKeyPem: expect.stringContaining('BEGIN PRIVATE KEY'),
      privateKeyFile: path.resolve(keyFile),
    });
  });

  it('lets a login named on the command line win over the environment, and flags over variables', () => {
    expect(resolveCoreAuth({ targetOrg: 'my-scratch' }, JWT_ENV())).toEqual({ kind: 'sf-org', aliasOrUsername: 'my-scratch' });
    expect(resolveCoreAuth({ clientSecret: 's3cret', clientId: 'other' }, JWT_ENV())).toEqual({
      kind: 'client-credentials',
      loginUrl: 'https://example.my.salesforce.com',
      clientId: 'other',
      clientSecret: 's3cret',
    });
  });

  it('defaults the login host to login.salesforce.com', () => {
    expect(resolveCoreAuth({}, { ORGKIT_CLIENT_SECRET: 's', ORGKIT_CLIENT_ID: 'c' })).toMatchObject({ kind: 'client-credentials', loginUrl: 'https://login.salesforce.com' });
  });

  it('refuses two logins on the command line, an incomplete one, none, and an unreadable key — without echoing secrets', () => {
    expect(() => resolveCoreAuth({ targetOrg: 'a', accessToken: 'tok-123' }, {})).toThrow(expect.objectContaining({ code: 'AUTH_AMBIGUOUS' }));
    expect(() => resolveCoreAuth({ accessToken: 'tok-123' }, {})).toThrow(/--instance-url \(or ORGKIT_INSTANCE_URL\)/);
    expect(() => resolveCoreAuth({ accessToken: 'tok-123' }, {})).not.toThrow(/tok-123/);
    expect(() => resolveCoreAuth({}, {})).toThrow(expect.objectContaining({ code: 'AUTH_NOT_CONFIGURED' }));
    expect(() => resolveCoreAuth({ jwtKeyFile: path.join(dir, 'missing.key') }, JWT_ENV())).toThrow(expect.objectContaining({ code: 'JWT_KEY_UNREADABLE' }));
  });
});
