import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeployError, loadRolesConfig, parseRolesConfig, planDeploy, rolesOf } from '../src/index.js';
import { REPO, ROLES_FILE } from './helpers/paths.js';

const names = (role: 'source' | 'target' | 'all') => planDeploy({ cwd: REPO, role }).components.map((c) => `${c.type}:${c.fullName}`);

describe('roles on the real force-app', () => {
  it('gives the source org exactly the verified-accounts API side', () => {
    expect(names('source')).toEqual([
      'ApexClass:TestDataFactory',
      'ApexClass:VerifiedAccountDTO',
      'ApexClass:VerifiedAccountDTO_Tests',
      'ApexClass:VerifiedAccountsAPI',
      'ApexClass:VerifiedAccountsAPI_Tests',
      'ApexClass:VerifiedAccountSelector',
      'ApexClass:VerifiedAccountSelector_Tests',
      'ApexClass:VerifiedAccountsErrorResponse',
      'ApexClass:VerifiedAccountsErrorResponse_Tests',
      'ApexClass:VerifiedAccountsRequest',
      'ApexClass:VerifiedAccountsRequest_Tests',
      'ApexClass:VerifiedAccountsResponse',
      'ApexClass:VerifiedAccountsResponse_Tests',
      'CustomField:Account.CAPIQ_Id__c',
      'CustomField:Account.Headquarters__c',
      'PermissionSet:Verified_Accounts_API_Integration',
    ]);
  });

  it('never ships the API, its selector or its integration permission set to the target org', () => {
    const target = names('target');
    for (const apiOnly of ['ApexClass:VerifiedAccountsAPI', 'ApexClass:VerifiedAccountsAPI_Tests', 'ApexClass:VerifiedAccountSelector', 'PermissionSet:Verified_Accounts_API_Integration']) {
      expect(target).not.toContain(apiOnly);
    }
    // Org A compiles against the wire classes and runs the enrichment, the leads and SSO.
    expect(target).toEqual(expect.arrayContaining(['ApexClass:VerifiedAccountDTO', 'ApexClass:VerifiedAccountsCalloutService', 'ApexClass:AccountEnrichmentSchedule', 'CustomObject:Account_Enrichment_Settings__c', 'SamlSsoConfig:Sample_IdP', 'DuplicateRule:Lead.Lead_Duplicate_Rule']));
  });

  it('deploys every component somewhere, and all = source ∪ target', () => {
    const plan = planDeploy({ cwd: REPO, role: 'all' });
    expect(plan.unassigned).toEqual([]);
    expect(new Set(names('all'))).toEqual(new Set([...names('source'), ...names('target')]));
  });

  it('puts a component nobody named into target, by the catch-all', () => {
    const config = loadRolesConfig(ROLES_FILE);
    expect(rolesOf(config, 'ApexClass', 'SomethingNew')).toEqual(['target']);
    expect(rolesOf(config, 'CustomField', 'Account.Brand_New__c')).toEqual(['target']);
    expect(rolesOf(config, 'ApexClass', 'VerifiedAccountsAPI')).toEqual(['source']);
  });
});

describe('roles config validation', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-roles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const valid = { roles: { source: { include: ['ApexClass:A*'] }, target: { include: ['*'], exclude: ['ApexClass:A*'] } } };

  it('accepts a minimal config and defaults the rest', () => {
    const config = parseRolesConfig(valid, 'roles.json');
    expect(config.roles.source).toMatchObject({ org: 'source', exclude: [], postDeploy: { customSettingDefaults: [], assignToDeployingUser: [], schedules: [] } });
    expect(config.ssoComponents).toEqual([]);
  });

  it.each([
    [{ ...valid, extra: 1 }, 'has unknown key "extra"'],
    [{ roles: { source: valid.roles.source } }, 'roles.target is missing'],
    [{ roles: { ...valid.roles, source: { include: 'ApexClass:A' } } }, 'roles.source.include must be a list of "Type:Name" patterns'],
    [{ roles: { ...valid.roles, target: { include: ['*'], postDeploy: { schedules: [{ jobName: 'X' }] } } } }, 'roles.target.postDeploy.schedules[0] must be'],
    [{ roles: { ...valid.roles, target: { include: ['*'], postDeploy: { customSettingDefaults: [{ object: 'Account', values: {} }] } } } }, 'customSettingDefaults[0] must be'],
  ])('refuses %j naming what is wrong', (value, message) => {
    expect(() => parseRolesConfig(value, 'roles.json')).toThrow(message);
  });

  it('says how to fix an unreadable or malformed file', () => {
    expect(() => loadRolesConfig(path.join(dir, 'missing.json'))).toThrow(/Cannot read the roles config .*missing\.json \(ENOENT\): pass --roles/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"roles": ');
    expect(() => loadRolesConfig(broken)).toThrow(DeployError);
    expect(() => loadRolesConfig(broken)).toThrow(/is not valid JSON/);
  });

  it('refuses a role no component belongs to', () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'force-app/main/default/classes'), { recursive: true });
    writeFileSync(path.join(project, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }));
    writeFileSync(path.join(project, 'force-app/main/default/classes/Other.cls'), 'public class Other {}\n');
    writeFileSync(path.join(project, 'force-app/main/default/classes/Other.cls-meta.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>65.0</apiVersion><status>Active</status></ApexClass>\n');
    writeFileSync(path.join(project, 'deploy-roles.json'), JSON.stringify(valid));
    expect(() => planDeploy({ cwd: project, role: 'source' })).toThrow(expect.objectContaining({ code: 'NOTHING_TO_DEPLOY' }));
    expect(planDeploy({ cwd: project, role: 'target' }).components.map((c) => c.fullName)).toEqual(['Other']);
  });
});
