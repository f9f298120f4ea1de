import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport, Finding } from '@orgkit/checks';
import { apiVersionGate, checksGate, decidePreflight } from '../src/index.js';
import { resolvePlan } from '../src/plan/deployPlan.js';
import { runPreflight } from '../src/preflight/runPreflight.js';
import { writeProject } from './helpers/project.js';

const finding = (file: string, severity: Finding['severity'], check: Finding['check'] = 'pmd'): Finding => ({ check, severity, file, line: 3, message: `${severity} in ${file}` });
const report = (findings: Finding[], notRun: Finding['check'][] = []): Pick<CheckReport, 'findings' | 'checks'> => ({
  findings,
  checks: notRun.map((name) => ({ name, description: '', status: 'not-run', errors: 0, warnings: 0, durationMs: 0, problem: { code: 'JAVA_NOT_FOUND', message: 'Java 11+ is needed' } })),
});
const deployed = new Set(['force-app/main/default/classes/A.cls']);

describe('the check-findings gate', () => {
  it('counts only findings in deployed files: another role’s errors do not block this one', () => {
    const gate = checksGate(report([finding('force-app/main/default/classes/B.cls', 'error'), finding('force-app/main/default/classes/A.cls', 'warning')]), deployed, false);
    expect(gate).toMatchObject({ status: 'passed', errors: [], warnings: { pmd: 1 } });
  });

  it('refuses errors in deployed files and names --force; --force lets them through, still reported', () => {
    const errors = report([finding('force-app/main/default/classes/A.cls', 'error')]);
    const refused = checksGate(errors, deployed, false);
    expect(refused.status).toBe('refused');
    expect(refused.reason).toMatch(/1 error in deployed files.*--force/);
    const forced = checksGate(errors, deployed, true);
    expect(forced).toMatchObject({ status: 'forced', errors: [expect.objectContaining({ file: 'force-app/main/default/classes/A.cls' })] });
  });

  it('refuses when a check could not run: the set was not verified', () => {
    expect(checksGate(report([], ['apex']), deployed, false)).toMatchObject({ status: 'refused', notRun: [{ name: 'apex', problem: { code: 'JAVA_NOT_FOUND' } }] });
  });
});

describe('the API version gate', () => {
  it('refuses an org older than sourceApiVersion and passes an equal or newer one', () => {
    expect(apiVersionGate('65.0', '64.0')).toMatchObject({ status: 'refused', reason: expect.stringContaining('older than sourceApiVersion 65.0') });
    expect(apiVersionGate('65.0', '65.0').status).toBe('passed');
    expect(apiVersionGate('65.0', '66.0').status).toBe('passed');
  });
});

describe('the preflight decision', () => {
  const passed = { status: 'passed' as const, errors: [], warnings: {}, notRun: [] };
  const lockoutRefused = { status: 'refused' as const, reason: 'No active System Administrator can log in with a Salesforce password' };
  const apiOk = { status: 'passed' as const, sourceApiVersion: '65.0', orgMaxApiVersion: '65.0', reason: 'ok' };

  it('refuses on the lockout even when the checks were forced', () => {
    const forced = checksGate(report([finding('force-app/main/default/classes/A.cls', 'error')]), deployed, true);
    const decision = decidePreflight({ checks: forced, lockout: lockoutRefused, apiVersion: apiOk });
    expect(decision.ok).toBe(false);
    expect(decision.refusals).toEqual(['SSO lockout: No active System Administrator can log in with a Salesforce password']);
  });

  it('lists every gate that refused, in order', () => {
    const decision = decidePreflight({ checks: { ...passed, status: 'refused', reason: 'errors' }, lockout: lockoutRefused, apiVersion: apiVersionGate('65.0', '60.0') });
    expect(decision.refusals.map((r) => r.split(':')[0])).toEqual(['checks', 'SSO lockout', 'API version']);
    expect(decidePreflight({ checks: passed, lockout: { status: 'skipped', reason: 'no SSO' }, apiVersion: apiOk }).ok).toBe(true);
  });
});

describe('the preflight on a project, without an org', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('runs orgkit check and refuses a broken file only for the role that deploys it', async () => {
    const p = writeProject({ 'classes/Enricher.cls-meta.xml': '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n    <colour>red</colour>\n</ApexClass>\n' });
    made.push(p.dir);
    const target = await runPreflight(resolvePlan({ cwd: p.dir, role: 'target' }), { checks: ['metadata-schema'] });
    expect(target.ok).toBe(false);
    expect(target.checks.errors.map((f) => f.file)).toEqual(['force-app/main/default/classes/Enricher.cls-meta.xml']);
    expect(target.lockout.status).toBe('skipped');
    expect(target.apiVersion).toMatchObject({ status: 'skipped', reason: 'needs the org' });
    const source = await runPreflight(resolvePlan({ cwd: p.dir, role: 'source' }), { checks: ['metadata-schema'] });
    expect(source.ok).toBe(true);
  });
});
