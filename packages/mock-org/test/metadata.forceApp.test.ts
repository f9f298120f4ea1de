import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { connect, home, sdr } from './fixtures/metadata/sdrProject.js';

const FORCE_APP = fileURLToPath(new URL('../../../force-app', import.meta.url));
let orgs: MockOrgs;
let org: MockOrg;

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['F'], sourceDir: null, metadataApi: { stepMs: 0 } });
  org = orgs.org('F');
});
afterAll(async () => {
  await orgs.close();
  rmSync(home, { recursive: true, force: true });
});

describe("the repo's own force-app deployed through SDR", () => {
  it('deploys every component (child types, report and dashboard folders included) and leaves its permission sets and matching rule as records', async () => {
    const token = org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken;
    const conn = await connect(org.instanceUrl, token);
    const op = await sdr.ComponentSet.fromSource(FORCE_APP).deploy({ usernameOrConnection: conn });
    const result = await op.pollStatus(10, 120);
    expect(result.getFileResponses().filter((f) => f.state === 'Failed')).toEqual([]);
    expect(result.response).toMatchObject({ status: 'Succeeded', success: true, numberComponentErrors: 0 });
    expect(org.metadata.components().map((c) => `${c.type}:${c.fullName}`)).toEqual(
      expect.arrayContaining(['AssignmentRule:Lead.Lead_Routing', 'ReportFolder:Lead_Management', 'DashboardFolder:Lead_Management', 'Report:Lead_Management/Lead_Funnel_By_Status']),
    );
    const names = readdirSync(`${FORCE_APP}/main/default/permissionsets`).map((f) => f.replace(/\.permissionset-meta\.xml$/, ''));
    const sets = await conn.query<{ Name: string }>('SELECT Name, Label FROM PermissionSet ORDER BY Name');
    expect(sets.records.map((r) => r.Name).sort()).toEqual(names.sort());
    // The matching rule becomes a record a deploy script can poll before activating the duplicate rule.
    const rules = await conn.query<{ DeveloperName: string; SobjectType: string; RuleStatus: string }>('SELECT DeveloperName, SobjectType, RuleStatus FROM MatchingRule');
    expect(rules.records.map((r) => [r.DeveloperName, r.SobjectType, r.RuleStatus])).toEqual([['Lead_Email_Name_Company_Phone', 'Lead', 'Active']]);
  }, 180_000);
});
