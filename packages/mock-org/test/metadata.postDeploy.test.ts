import JSZip from 'jszip';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';
import { deployOptionsFrom } from '../src/metadata/deployOptions.js';
import { createDeployService } from '../src/metadata/deployService.js';
import { createOrgSchema } from '../src/metadata/orgSchema.js';
import { failure, jwtConnection, rawRequest } from './orgClients.js';

let orgs: MockOrgs;
let org: MockOrg;
let conn: Connection;
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['P'], sourceDir: null, metadataApi: { stepMs: 0 } });
  org = orgs.org('P');
  conn = await jwtConnection(org);
});
afterAll(() => orgs.close());

const packageXml = (types: Record<string, string[]>): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Package ${NS}>\n${Object.entries(types)
    .map(([name, members]) => `    <types>\n${members.map((m) => `        <members>${m}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`)
    .join('')}    <version>65.0</version>\n</Package>\n`;

const permissionSet = (label: string, sso: boolean): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet ${NS}>\n    <description>Runs the nightly job</description>\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>${label}</label>\n${
    sso ? '    <userPermissions>\n        <enabled>true</enabled>\n        <name>IsSsoEnabled</name>\n    </userPermissions>\n' : ''
  }</PermissionSet>\n`;

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const classZip = (): Promise<Buffer> =>
  zipOf({
    'package.xml': packageXml({ ApexClass: ['Raced'] }),
    'classes/Raced.cls': 'public with sharing class Raced {\n}\n',
    'classes/Raced.cls-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`,
  });

/** Deploys over SOAP as jsforce does and drives the deploy to its end. */
async function deploy(zip: Buffer): Promise<{ status: string; numberComponentsDeployed: number }> {
  const { id } = await conn.metadata.deploy(zip, { rollbackOnError: true });
  await org.metadata.settled();
  return (await conn.metadata.checkDeployStatus(id, false)) as unknown as { status: string; numberComponentsDeployed: number };
}

describe('cancel while the package is still being validated', () => {
  it('wins: Canceling then Canceled, and nothing of the package is applied', async () => {
    const service = createDeployService({ org: org.state, schema: createOrgSchema(org.state.schema), saml: org.saml }, { stepMs: 0 });
    try {
      const job = service.start(await classZip(), deployOptionsFrom({}), org.users.admin.id);
      // The first step starts validating (reading the zip is asynchronous); the cancel lands during it.
      const validating = service.status(job.id);
      expect(job.status).toBe('Pending');
      service.cancel(job.id, org.users.admin.id);
      await validating;
      expect(job.status).toBe('Canceling');
      await service.settled();
      expect(job.status).toBe('Canceled');
      expect(job.canceledBy?.id).toBe(org.users.admin.id);
      expect(job.deployed).toBe(0);
      expect(service.components()).toEqual([]);
      expect((await conn.query("SELECT Id FROM ApexClass WHERE Name = 'Raced'")).totalSize).toBe(0);
    } finally {
      service.close();
    }
  });
});

describe('deployed permission sets as PermissionSet records', () => {
  it('makes a PermissionSet record SOQL finds and PermissionSetAssignment inserts can name; a redeploy updates it', async () => {
    const files = { 'package.xml': packageXml({ PermissionSet: ['Runner'] }), 'permissionsets/Runner.permissionset': permissionSet('Job Runner', true) };
    expect(await deploy(await zipOf(files))).toMatchObject({ status: 'Succeeded', numberComponentsDeployed: 1 });
    const sets = await conn.query<{ Id: string; Name: string; Label: string; PermissionsIsSsoEnabled: boolean }>("SELECT Id, Name, Label, PermissionsIsSsoEnabled FROM PermissionSet WHERE Name = 'Runner'");
    expect(sets.records).toEqual([expect.objectContaining({ Name: 'Runner', Label: 'Job Runner', PermissionsIsSsoEnabled: true })]);
    const setId = sets.records[0]!.Id;

    const created = await conn.sobject('PermissionSetAssignment').create({ AssigneeId: org.users.admin.id, PermissionSetId: setId });
    expect(created.success).toBe(true);
    const assigned = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${org.users.admin.id}' AND PermissionSetId = '${setId}'`);
    expect(assigned.records.map((r) => r.Id)).toEqual([created.id]);

    files['permissionsets/Runner.permissionset'] = permissionSet('Nightly Runner', false);
    expect(await deploy(await zipOf(files))).toMatchObject({ status: 'Succeeded' });
    const again = await conn.query<{ Id: string; Label: string; PermissionsIsSsoEnabled: boolean }>("SELECT Id, Label, PermissionsIsSsoEnabled FROM PermissionSet WHERE Name = 'Runner'");
    expect(again.records).toEqual([expect.objectContaining({ Id: setId, Label: 'Nightly Runner', PermissionsIsSsoEnabled: false })]);
  });

  it('a checkOnly deploy makes no record', async () => {
    const zip = await zipOf({ 'package.xml': packageXml({ PermissionSet: ['Checked_Only'] }), 'permissionsets/Checked_Only.permissionset': permissionSet('Checked', false) });
    const { id } = await conn.metadata.deploy(zip, { checkOnly: true });
    await org.metadata.settled();
    expect(await conn.metadata.checkDeployStatus(id, false)).toMatchObject({ status: 'Succeeded' });
    expect((await conn.query("SELECT Id FROM PermissionSet WHERE Name = 'Checked_Only'")).totalSize).toBe(0);
  });
});

describe('Tooling executeAnonymous and scheduled jobs', () => {
  it('compiles anonymous Apex but says plainly that the mock did not run it', async () => {
    const result = await conn.tooling.executeAnonymous("AccountEnrichmentSchedule.schedule('0 0 2 * * ?');");
    expect(result).toEqual({
      line: -1,
      column: -1,
      compiled: true,
      success: false,
      compileProblem: null,
      exceptionStackTrace: null,
      exceptionMessage: expect.stringMatching(/^The mock org does not execute Apex: /),
    });
  });

  it('reports a syntax error as the compiler does: not compiled, with line and column', async () => {
    const result = await conn.tooling.executeAnonymous("Integer n = 1;\nSystem.debug(n)\n");
    expect(result).toMatchObject({ compiled: false, success: false, line: 3, compileProblem: expect.stringMatching(/^(Missing|Unexpected)/) });
  });

  it('refuses a request without anonymousBody with a message that says what to send', async () => {
    const token = conn.accessToken!;
    const res = await rawRequest(org, token, 'GET', '/services/data/v65.0/tooling/executeAnonymous');
    expect(res.status).toBe(400);
    expect(res.json).toEqual([expect.objectContaining({ errorCode: 'MISSING_ARGUMENT', message: expect.stringContaining('anonymousBody') })]);
    expect((await failure(conn.request('/services/data/v19.0/tooling/executeAnonymous?anonymousBody=x'))).errorCode).toBe('NOT_FOUND');
  });

  it('answers the CronTrigger query a schedule step makes, by CronJobDetail.Name: no job is scheduled', async () => {
    const result = await conn.query("SELECT Id, State, NextFireTime FROM CronTrigger WHERE CronJobDetail.Name = 'Account Enrichment'");
    expect(result).toMatchObject({ totalSize: 0, done: true, records: [] });
  });
});
