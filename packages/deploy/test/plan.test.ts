import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml } from '@orgkit/checks/xml';
import { activatedDuplicateRuleXml } from '../src/plan/duplicateRulePhase.js';
import { planDeploy } from '../src/index.js';
import { REPO } from './helpers/paths.js';
import { DUPLICATE_RULE_FILES, SSO_FILES, writeProject } from './helpers/project.js';

const made: string[] = [];
const project = (files: Record<string, string | null> = {}) => {
  const p = writeProject(files);
  made.push(p.dir);
  return p;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the dry-run plan', () => {
  it('plans the real target role in two phases: everything, then the duplicate rule once its matching rule is Active', () => {
    const plan = planDeploy({ cwd: REPO, role: 'target' });
    expect(plan.apiVersion).toBe('65.0');
    expect(plan.phases.map((p) => p.number)).toEqual([1, 2]);
    expect(plan.phases[0]!.components).toHaveLength(plan.components.length);
    expect(plan.phases[1]!.components).toEqual([{ type: 'DuplicateRule', fullName: 'Lead.Lead_Duplicate_Rule', file: 'force-app/main/default/duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml' }]);
    expect(plan.phases[1]!.notes.join(' ')).toContain('Lead_Email_Name_Company_Phone is Active');
    expect(plan.ssoComponents.map((c) => `${c.type}:${c.fullName}`).sort()).toEqual(['PermissionSet:SSO_Users', 'SamlSsoConfig:Sample_IdP', 'Settings:Security']);
    expect(plan.postDeploy.schedules.map((s) => s.jobName)).toEqual(['Account Enrichment']);
  });

  it('shows each component with its file: the .cls for Apex, the -meta.xml otherwise', () => {
    const plan = planDeploy({ cwd: REPO, role: 'source' });
    expect(plan.components.find((c) => c.fullName === 'VerifiedAccountsAPI')?.file).toBe('force-app/main/default/classes/VerifiedAccountsAPI.cls');
    expect(plan.components.find((c) => c.fullName === 'Verified_Accounts_API_Integration')?.file).toBe('force-app/main/default/permissionsets/Verified_Accounts_API_Integration.permissionset-meta.xml');
    // Org B gets neither post-deploy steps nor SSO.
    expect(plan.postDeploy).toEqual({ customSettingDefaults: [], assignToDeployingUser: [], schedules: [] });
    expect(plan.ssoComponents).toEqual([]);
    expect(plan.phases).toHaveLength(1);
  });

  it('plans no phase 2 for a validation: nothing is committed, so no matching rule activates', () => {
    expect(planDeploy({ cwd: REPO, role: 'target', checkOnly: true }).phases.map((p) => p.number)).toEqual([1]);
  });

  it('plans one phase when the duplicate rule is committed active', () => {
    const files = DUPLICATE_RULE_FILES();
    const rule = 'duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml';
    const p = project({ ...files, [rule]: files[rule]!.replace('<isActive>false</isActive>', '<isActive>true</isActive>') });
    expect(planDeploy({ cwd: p.dir, role: 'target' }).phases.map((x) => x.number)).toEqual([1]);
    expect(planDeploy({ cwd: project(DUPLICATE_RULE_FILES()).dir, role: 'target' }).phases.map((x) => x.number)).toEqual([1, 2]);
  });

  it('marks SSO components of the set for the lockout check, only in the role that deploys them', () => {
    const p = project(SSO_FILES());
    expect(planDeploy({ cwd: p.dir, role: 'target' }).ssoComponents.map((c) => c.fullName).sort()).toEqual(['Sample_IdP', 'Security']);
    expect(planDeploy({ cwd: p.dir, role: 'source' }).ssoComponents).toEqual([]);
  });

  it('activates a copy of the committed rule: only isActive changes', () => {
    const committed = readFileSync(`${REPO}force-app/main/default/duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml`, 'utf8');
    const active = activatedDuplicateRuleXml(committed);
    const parsed = parseXml(active);
    expect(parsed.ok && parsed.root.children.find((c) => c.name === 'isActive')?.text).toBe('true');
    expect(active.replace('<isActive>true</isActive>', '<isActive>false</isActive>')).toBe(committed);
    expect(() => activatedDuplicateRuleXml(active)).toThrow(/no <isActive>false<\/isActive>/);
  });
});
