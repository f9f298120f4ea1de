import { home } from './helpers/home.js';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startMockOrgs, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import type { CoreAuth } from '@orgkit/org-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployOrg, type DeployEvent, type DeployOrgOptions } from '../src/index.js';
import { DUPLICATE_RULE_FILES, SSO_FILES, writeProject } from './helpers/project.js';

let mock: MockOrgs;

beforeAll(async () => {
  mock = await startMockOrgs({ orgs: ['A', 'B', 'Quick', 'Locked', 'Http'], sourceDir: null, metadataApi: { stepMs: 0 } });
});
afterAll(async () => {
  await mock?.close();
  rmSync(home, { recursive: true, force: true });
});

const tokenAuth = (org: MockOrg): CoreAuth => ({ kind: 'access-token', instanceUrl: org.instanceUrl, accessToken: org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken });
const project = (files: Record<string, string | null> = {}) => writeProject(files, home);

/** A deploy as the CLI runs it, minus the checks (the preflight tests cover them) and with fast polling. */
const deploy = (org: MockOrg, options: Partial<DeployOrgOptions> & { cwd: string }) => deployOrg({ role: 'target', auth: tokenAuth(org), checks: 'none', pollMs: 20, ...options });

async function adminRest(org: MockOrg, object: string, body: object): Promise<string> {
  const res = await fetch(`${org.instanceUrl}/services/data/v65.0/sobjects/${object}`, { method: 'POST', headers: { authorization: `Bearer ${(tokenAuth(org) as { accessToken: string }).accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`${object} not created: ${JSON.stringify(json)}`);
  return json.id;
}

const deployedNames = (org: MockOrg): string[] => org.metadata.components().map((c) => `${c.type}:${c.fullName}`);

describe('deploy to a mock org through SDR', () => {
  it('deploys the target role over SOAP with progress, then runs the post-deploy steps once', async () => {
    const a = mock.org('A');
    // The mock records permission set metadata without making a PermissionSet record: make the one a real org would have.
    await adminRest(a, 'PermissionSet', { Name: 'Runner', Label: 'Runner' });
    const p = project();
    const events: DeployEvent[] = [];
    const outcome = await deploy(a, { cwd: p.dir, onEvent: (e) => events.push(e) });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.preflight).toMatchObject({ ok: true, apiVersion: { status: 'passed', orgMaxApiVersion: '65.0' }, lockout: { status: 'skipped' }, checks: { status: 'skipped' } });
    expect(outcome.phases).toEqual([expect.objectContaining({ phase: 1, status: 'Succeeded', success: true, checkOnly: false, componentFailures: [] })]);
    expect(deployedNames(a)).toEqual(expect.arrayContaining(['ApexClass:Enricher', 'CustomField:Account.Shared__c', 'CustomObject:Run_Settings__c']));
    // Target never gets the source role's class.
    expect(deployedNames(a)).not.toContain('ApexClass:ApiGreeter');
    const progress = events.flatMap((e) => (e.kind === 'progress' ? [e.progress] : []));
    expect(progress.some((x) => x.status === 'InProgress' && x.componentsDone < x.componentsTotal)).toBe(true);

    expect(outcome.postDeploy.map((s) => [s.step, s.status])).toEqual([
      ['custom-setting-default', 'done'],
      ['permission-set-assignment', 'done'],
      // The mock finds no CronTrigger and runs no Apex: executeAnonymous says nothing ran, and so does the step.
      ['schedule', 'failed'],
    ]);
    expect(outcome.postDeploy[2]!.reason).toMatch(/^the Apex threw: The mock org does not execute Apex: /);

    const again = await deploy(a, { cwd: p.dir });
    expect(again.postDeploy.map((s) => [s.step, s.status])).toEqual([
      ['custom-setting-default', 'skipped'],
      ['permission-set-assignment', 'skipped'],
      ['schedule', 'failed'],
    ]);
    expect(again.postDeploy[0]!.reason).toMatch(/org default exists/);
  });

  it('deploys the source role over REST: only the API side lands', async () => {
    const b = mock.org('B');
    const outcome = await deploy(b, { cwd: project().dir, role: 'source', rest: true });
    expect(outcome.status).toBe('succeeded');
    expect(deployedNames(b).sort()).toEqual(['ApexClass:ApiGreeter', 'CustomField:Account.Shared__c']);
    // Org B has no post-deploy steps.
    expect(outcome.postDeploy).toEqual([]);
  });

  it('reports a broken class with its source file and line, and commits nothing', async () => {
    const a = mock.org('A');
    const before = deployedNames(a).length;
    const p = project({ 'classes/Broken.cls': 'public with sharing class Broken {\n    public static Integer size() {\n        return 1\n    }\n}\n', 'classes/Broken.cls-meta.xml': readFileSync(p0().file('classes/Enricher.cls-meta.xml'), 'utf8') });
    const outcome = await deploy(a, { cwd: p.dir });
    expect(outcome.status).toBe('failed');
    const failure = outcome.phases[0]!.componentFailures.find((f) => f.fullName === 'Broken');
    expect(failure).toMatchObject({ type: 'ApexClass', file: 'force-app/main/default/classes/Broken.cls', line: expect.any(Number), problem: expect.any(String) });
    expect(failure!.line).toBeGreaterThanOrEqual(3);
    expect(outcome.postDeploy).toEqual([]);
    expect(deployedNames(a)).toHaveLength(before);
  });

  it('validates without changing the org, then quick-deploys the validation', async () => {
    const q = mock.org('Quick');
    const p = project();
    const validation = await deploy(q, { cwd: p.dir, checkOnly: true, testLevel: 'RunLocalTests' });
    expect(validation.status).toBe('succeeded');
    expect(validation.validationId).toMatch(/^0Af/);
    expect(validation.phases[0]).toMatchObject({ checkOnly: true });
    // The mock never runs Apex and says so, rather than a fabricated pass.
    expect(validation.phases[0]!.coverageWarnings.join(' ')).toMatch(/does not run Apex tests/);
    expect(deployedNames(q)).toEqual([]);
    expect(validation.postDeploy).toEqual([]);

    const quick = await deploy(q, { cwd: p.dir, quick: validation.validationId!, skipPostDeploy: true });
    expect(quick.status).toBe('succeeded');
    expect(quick.phases[0]!.id).not.toBe(validation.validationId);
    expect(deployedNames(q)).toEqual(expect.arrayContaining(['ApexClass:Enricher']));
  });

  it('cancels the deploy in the org on abort and waits for Canceled', async () => {
    const a = mock.org('A');
    const controller = new AbortController();
    // Abort once the org is deploying (validation done); polls 200 ms apart leave the cancel time to land first.
    const outcome = await deploy(a, { cwd: project().dir, pollMs: 200, signal: controller.signal, onEvent: (e) => e.kind === 'progress' && e.progress.status === 'InProgress' && controller.abort() });
    expect(outcome.status).toBe('canceled');
    expect(outcome.phases[0]).toMatchObject({ status: 'Canceled', cancel: {} });
    expect(a.metadata.deployment(outcome.phases[0]!.id)?.status).toBe('Canceled');
    expect(outcome.postDeploy).toEqual([]);
  });

  it('rides out transient 503s while polling', async () => {
    const a = mock.org('A');
    const outcome = await deploy(a, {
      cwd: project().dir,
      skipPostDeploy: true,
      onEvent: (e) => {
        if (e.kind === 'phase-started') a.faults.set([{ match: { method: 'POST', path: '/services/Soap/m' }, error: 'SERVER_UNAVAILABLE', times: 2 }]);
      },
    });
    const fired = a.faults.get().fired;
    a.faults.clear();
    expect(fired).toEqual([2]);
    expect(outcome.status).toBe('succeeded');
  });

  it('logs in by JWT through @salesforce/core', async () => {
    const b = mock.org('B');
    const auth: CoreAuth = { kind: 'jwt', loginUrl: b.loginUrl, clientId: b.connectedApp.clientId, username: b.users.admin.username, privateKeyPem: b.connectedApp.privateKeyPem };
    const outcome = await deployOrg({ cwd: project().dir, role: 'source', auth, checks: 'none', pollMs: 20 });
    expect(outcome.status).toBe('succeeded');
    expect(b.metadata.deployments().at(-1)).toMatchObject({ id: outcome.phases[0]!.id, createdByName: expect.any(String) });
    // Core saved the login in its auth store; the next deploy logs in again instead of refusing
    // to overwrite it.
    expect(existsSync(path.join(home, '.sfdx', `${b.users.admin.username}.json`))).toBe(true);
    const again = await deployOrg({ cwd: project().dir, role: 'source', auth, checks: 'none', pollMs: 20 });
    expect(again.status).toBe('succeeded');
  });

  it('activates the committed-inactive duplicate rule in a second phase, leaving the file as committed', async () => {
    const a = mock.org('A');
    const p = project(DUPLICATE_RULE_FILES());
    const outcome = await deploy(a, { cwd: p.dir, skipPostDeploy: true });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.phases.map((r) => [r.phase, r.status])).toEqual([
      [1, 'Succeeded'],
      [2, 'Succeeded'],
    ]);
    // Phase 1 left the matching rule Active (a MatchingRule record), so phase 2 went ahead on it.
    expect(outcome.matchingRules).toMatchObject({ state: 'active' });
    expect(a.metadata.deployment(outcome.phases[1]!.id)?.details?.componentSuccesses).toEqual(expect.arrayContaining([expect.objectContaining({ componentType: 'DuplicateRule', fullName: 'Lead.Lead_Duplicate_Rule' })]));
    expect(readFileSync(p.file('duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml'), 'utf8')).toContain('<isActive>false</isActive>');
  });

  it("hands @salesforce/core's warnings to the outcome and the events, not to Node's warning printer", async () => {
    const http = mock.org('Http');
    const nodeWarnings: string[] = [];
    const onNodeWarning = (w: Error) => nodeWarnings.push(w.message);
    process.on('warning', onNodeWarning);
    try {
      const events: DeployEvent[] = [];
      // JWT: core builds its login URL as an SfdcUrl, which warns about http once per origin.
      const auth: CoreAuth = { kind: 'jwt', loginUrl: http.loginUrl, clientId: http.connectedApp.clientId, username: http.users.admin.username, privateKeyPem: http.connectedApp.privateKeyPem };
      const outcome = await deploy(http, { cwd: project().dir, auth, skipPostDeploy: true, onEvent: (e) => events.push(e) });
      const insecure = `Using insecure protocol: http: on url: ${http.instanceUrl}`;
      expect(outcome.warnings).toEqual([insecure]);
      expect(events).toContainEqual({ kind: 'warning', message: insecure });
      expect(nodeWarnings.filter((m) => m.includes('insecure protocol'))).toEqual([]);
    } finally {
      process.off('warning', onNodeWarning);
    }
  });

  it('refuses a project newer than the org, before sending anything', async () => {
    const a = mock.org('A');
    const p = project();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${p.dir}/sfdx-project.json`, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
    const before = a.metadata.deployments().length;
    const outcome = await deploy(a, { cwd: p.dir });
    expect(outcome.status).toBe('refused');
    expect(outcome.preflight?.refusals).toEqual([expect.stringMatching(/^API version: the org's newest API version is 65\.0, older than sourceApiVersion 66\.0/)]);
    expect(a.metadata.deployments()).toHaveLength(before);
  });
});

describe('the SSO lockout check', () => {
  it('refuses SSO metadata when no admin keeps a password login, even with --force', async () => {
    const locked = mock.org('Locked');
    const ssoSet = await adminRest(locked, 'PermissionSet', { Name: 'SSO_Users', Label: 'SSO Users', PermissionsIsSsoEnabled: true });
    await adminRest(locked, 'PermissionSetAssignment', { AssigneeId: locked.users.admin.id, PermissionSetId: ssoSet });
    const p = project(SSO_FILES());
    for (const force of [false, true]) {
      const outcome = await deploy(locked, { cwd: p.dir, force });
      expect(outcome.status).toBe('refused');
      expect(outcome.preflight?.lockout.status).toBe('refused');
      expect(outcome.preflight?.refusals[0]).toMatch(/^SSO lockout: No active System Administrator can log in with a Salesforce password.*SamlSsoConfig:Sample_IdP/);
    }
    expect(locked.metadata.deployments()).toEqual([]);
  });

  it('lets SSO metadata through when an admin keeps a password login', async () => {
    const a = mock.org('A');
    const outcome = await deploy(a, { cwd: project(SSO_FILES()).dir, skipPostDeploy: true });
    expect(outcome.preflight?.lockout).toMatchObject({ status: 'passed', breakGlassAdmins: [a.users.admin.username] });
    expect(outcome.status).toBe('succeeded');
  });
});

let base: ReturnType<typeof writeProject> | undefined;
/** Any project, for reading a base file from. */
function p0() {
  base ??= project();
  return base;
}
