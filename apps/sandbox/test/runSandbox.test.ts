import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MockOrg } from '@orgkit/mock-org';
import { createCoreTokenSource } from '@orgkit/org-auth';
import { describe, expect, it } from 'vitest';
import { runSandbox, STEP_NAMES, type StepReport } from '../src/index.js';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/** A REST call as the org's admin, logged in by JWT with the org's connected app. */
async function adminGet<T>(org: MockOrg, pathAndQuery: string): Promise<T> {
  const token = await createCoreTokenSource({ kind: 'jwt', loginUrl: org.loginUrl, clientId: org.connectedApp.clientId, username: org.users.admin.username, privateKeyPem: org.connectedApp.privateKeyPem })(false);
  const res = await fetch(`${org.instanceUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

const fieldNames = async (org: MockOrg, object: string): Promise<string[]> => (await adminGet<{ fields: { name: string }[] }>(org, `/services/data/v65.0/sobjects/${object}/describe`)).fields.map((f) => f.name);
const apexClassCount = async (org: MockOrg, name: string): Promise<number> => (await adminGet<{ totalSize: number }>(org, `/services/data/v65.0/query?q=${encodeURIComponent(`SELECT Id FROM ApexClass WHERE Name = '${name}'`)}`)).totalSize;

describe('runSandbox', () => {
  it('with once, runs every step, reports each as it ends and removes its temp folder', async () => {
    const reported: StepReport[] = [];
    const run = await runSandbox({ once: true, projectDir: PROJECT_DIR, onStep: (s) => reported.push(s) });
    const { summary } = run;
    expect(summary.failed, summary.failed?.detail).toBeUndefined();
    expect(summary.ok).toBe(true);
    expect(reported.map((s) => [s.name, s.status])).toEqual(STEP_NAMES.map((name) => [name, 'ok']));
    const byName = Object.fromEntries(reported.map((s) => [s.name, s.figures]));
    expect(byName.deploy).toMatchObject({ postDeploySkippedOnMock: 1 });
    expect(Number(byName.deploy!.orgAComponents)).toBeGreaterThan(Number(byName.deploy!.orgBComponents));
    expect(byName.seed).toEqual({ accounts: 5, leads: 6 });
    expect(byName.datacloud!.dloRows).toBe(byName.datacloud!.sent);
    expect(Number(byName.datacloud!.sent)).toBeGreaterThan(1000);
    expect(byName.datacloud).toMatchObject({ deadLettered: 0 });
    expect(byName['saml-login']).toEqual({ landedOn: '/home', loginType: 'SAML Sfdc Initiated SSO' });
    expect(summary.notes.join('\n')).toMatch(/skipped on the mock org \(it does not run Apex\)/);
    expect(summary.notes.join('\n')).toMatch(/fast checks only .*npm test runs all/);
    expect(summary.dataDirKept).toBe(false);
    expect(existsSync(summary.dataDir)).toBe(false);
    expect(run.services).toBeUndefined();
  });

  it('while serving, the orgs hold what was deployed: target role in Org A, source role in Org B', async () => {
    const run = await runSandbox({ projectDir: PROJECT_DIR });
    try {
      expect(run.summary.ok, run.summary.failed?.detail).toBe(true);
      const { orgA, orgB } = run.services!;
      expect(await fieldNames(orgA, 'Lead')).toContain('Lead_Score__c');
      expect(await fieldNames(orgB, 'Account')).toEqual(expect.arrayContaining(['CAPIQ_Id__c', 'Headquarters__c']));
      expect(await apexClassCount(orgB, 'VerifiedAccountsAPI')).toBe(1);
      expect(await apexClassCount(orgA, 'VerifiedAccountsAPI')).toBe(0);
      // Org A's login page offers the IdP the sandbox connected.
      expect(await (await fetch(run.summary.urls!.orgA.loginUrl)).text()).toContain('Log in with Mock_IdP');
      expect(existsSync(run.summary.dataDir)).toBe(true);
    } finally {
      await run.close();
    }
    expect(existsSync(run.summary.dataDir)).toBe(false);
    expect(await fetch(run.summary.urls!.orgA.loginUrl).then(() => 'answered', () => 'refused')).toBe('refused');
  });

  it('stops at a step that fails, with its reason, and cleans up', async () => {
    const reported: StepReport[] = [];
    const run = await runSandbox({ once: true, projectDir: PROJECT_DIR, sourceDir: 'no-such-package-dir', onStep: (s) => reported.push(s) });
    expect(run.summary.ok).toBe(false);
    expect(reported.map((s) => [s.name, s.status])).toEqual([
      ['start', 'ok'],
      ['deploy', 'failed'],
    ]);
    expect(run.summary.failed).toMatchObject({ name: 'deploy', detail: expect.stringMatching(/no-such-package-dir: no such folder/) });
    expect(existsSync(run.summary.dataDir)).toBe(false);
  });
});
