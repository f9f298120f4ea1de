import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection, signJwt } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;

beforeAll(async () => {
  orgs = await startMockOrgs({
    orgs: [
      {
        name: 'A',
        users: [
          { username: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', federationIdentifier: 'ada@idp.example', profile: 'System Administrator' },
          { username: 'gone@example.com', lastName: 'Gone', isActive: false },
        ],
      },
    ],
    sourceDir: null,
  });
  org = orgs.org('A');
});
afterAll(() => orgs.close());

describe('users from the config', () => {
  it('are User records with their profile, Federation ID and active flag', async () => {
    const conn = await jwtConnection(org);
    const rows = await conn.query<{ Username: string; FederationIdentifier: string | null; IsActive: boolean; Profile: { Name: string } }>(
      "SELECT Username, FederationIdentifier, IsActive, Profile.Name FROM User WHERE Username LIKE '%@example.com' ORDER BY Username",
    );
    expect(rows.records.map((r) => [r.Username, r.FederationIdentifier, r.IsActive, r.Profile.Name])).toEqual([
      ['ada@example.com', 'ada@idp.example', true, 'System Administrator'],
      ['gone@example.com', null, false, 'Standard User'],
    ]);
    expect(org.users.others.map((u) => [u.username, u.profile])).toEqual([
      ['ada@example.com', 'System Administrator'],
      ['gone@example.com', 'Standard User'],
    ]);
  });

  it('log in by JWT when active, and are refused when not', async () => {
    const conn = new Connection({ loginUrl: org.loginUrl, version: '65.0' });
    await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(org, 'ada@example.com') });
    expect((await conn.identity()).username).toBe('ada@example.com');

    const refused = new Connection({ loginUrl: org.loginUrl, version: '65.0' });
    const err = await failure(refused.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(org, 'gone@example.com') }));
    expect(err.message).toMatch(/invalid_grant|user hasn't approved this consumer|inactive/);
  });
});
