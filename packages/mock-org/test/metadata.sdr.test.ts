import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, home, sdr, writeProject } from './fixtures/metadata/sdrProject.js';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';

let orgs: MockOrgs;
let org: MockOrg;
let token: string;

beforeAll(async () => {
  // stepMs 0: deploys move only when polled, so every step is observable.
  orgs = await startMockOrgs({ orgs: ['A', 'B', 'C', 'D'], sourceDir: null, metadataApi: { stepMs: 0 } });
  org = orgs.org('A');
  token = org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken;
});
afterAll(async () => {
  await orgs.close();
  rmSync(home, { recursive: true, force: true });
});


const adminToken = (target: MockOrg): string => (target === org ? token : target.state.sessions.issue(target.users.admin.id, target.connectedApp.clientId, { withRefreshToken: false }).accessToken);

/** Starts a deploy of a source folder through SDR, as the deploy scripts do. */
async function startDeploy(sourceDir: string, apiOptions: Record<string, unknown> = {}, target = org) {
  const conn = await connect(target.instanceUrl, adminToken(target));
  const op = await sdr.ComponentSet.fromSource(sourceDir).deploy({ usernameOrConnection: conn, apiOptions });
  return { op, conn };
}

async function deploy(sourceDir: string, apiOptions: Record<string, unknown> = {}, target = org) {
  const { op, conn } = await startDeploy(sourceDir, apiOptions, target);
  const updates: { status: string; deployed: number; total: number }[] = [];
  op.onUpdate((s) => updates.push({ status: s.status, deployed: Number(s.numberComponentsDeployed), total: Number(s.numberComponentsTotal) }));
  // Poll every 10 ms, give up after 30 s.
  const result = await op.pollStatus(10, 30);
  return { op, result, updates, conn };
}

describe('SDR deploys to the mock org over SOAP', () => {
  it('deploys a class, a field on Account and a new object; describe and SOQL see them at once', async () => {
    const project = writeProject({}, { sso: true });
    const { result, updates, conn } = await deploy(project.sourceDir);
    expect(result.response).toMatchObject({ status: 'Succeeded', success: true, done: true, checkOnly: false, numberComponentErrors: 0, numberComponentsTotal: 7 });
    expect(result.response.numberComponentsDeployed).toBe(7);
    // Progress a client can show: InProgress with the deployed count growing, never past the total.
    const inProgress = updates.filter((u) => u.status === 'InProgress');
    expect(inProgress.length).toBeGreaterThan(0);
    expect(inProgress.map((u) => u.deployed)).toEqual([...inProgress.map((u) => u.deployed)].sort((a, b) => a - b));
    expect(inProgress[0]!.deployed).toBeLessThan(7);

    const files = result.getFileResponses();
    expect(files.find((f) => f.fullName === 'Greeter' && f.filePath?.endsWith('Greeter.cls'))).toMatchObject({ type: 'ApexClass', state: 'Created' });
    expect(files.find((f) => f.fullName === 'Account.Tier__c')).toMatchObject({ type: 'CustomField', state: 'Created', filePath: project.file('objects/Account/fields/Tier__c.field-meta.xml') });
    expect(files.filter((f) => f.state === 'Failed')).toEqual([]);

    const describe = await conn.sobject('Account').describe();
    expect(describe.fields.find((f) => f.name === 'Tier__c')).toMatchObject({ type: 'string', length: 20, label: 'Tier' });
    const created = await conn.sobject('Widget__c').create({ Name: 'W-1', Size__c: 3 });
    expect(created.success).toBe(true);
    const widgets = await conn.query<{ Name: string; Size__c: number }>('SELECT Name, Size__c FROM Widget__c');
    expect(widgets.records).toEqual([expect.objectContaining({ Name: 'W-1', Size__c: 3 })]);
    const classes = await conn.query<{ Name: string; Status: string; ApiVersion: number }>('SELECT Name, Status, ApiVersion FROM ApexClass ORDER BY Name');
    expect(classes.records.map((r) => [r.Name, r.Status, r.ApiVersion])).toEqual([
      ['Greeter', 'Active', 65],
      ['Greeter_Test', 'Active', 65],
    ]);
    // The SamlSsoConfig configures the SP: its login page offers it.
    expect(org.saml.configs().map((c) => c.name)).toContain('Deploy_IdP');
    expect(org.metadata.components().map((c) => `${c.type}:${c.fullName}`)).toEqual(expect.arrayContaining(['Settings:Security', 'SamlSsoConfig:Deploy_IdP', 'CustomObject:Widget__c']));
    const sso = org.metadata.settings('Security')?.children.find((c) => c.name === 'singleSignOnSettings');
    expect(sso?.children.find((c) => c.name === 'enableSamlLogin')?.text).toBe('true');
    // Org B shares nothing: its schema has no Tier__c.
    expect(orgs.org('B').state.schema.object('Account')!.fields.has('tier__c')).toBe(false);
  });
});

describe("the Security settings' SAML Enabled", () => {
  const security = (on: boolean) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <singleSignOnSettings>\n        <enableSamlLogin>${on}</enableSamlLogin>\n    </singleSignOnSettings>\n</SecuritySettings>\n`;

  it('is off in a new org; a validation leaves it so, a deploy turns it on and off, and the login page follows', async () => {
    const d = orgs.org('D');
    const loginPage = async () => (await fetch(`${d.instanceUrl}/login`)).text();
    expect(d.saml.enabled()).toBe(false);
    expect(await loginPage()).toContain('SAML single sign-on is off in this org');

    const on = writeProject({}, { sso: true });
    const validation = await deploy(on.sourceDir, { checkOnly: true }, d);
    expect(validation.result.response.status).toBe('Succeeded');
    expect(d.saml.enabled()).toBe(false);
    await deploy(on.sourceDir, {}, d);
    expect(d.saml.enabled()).toBe(true);
    expect(await loginPage()).toContain('Log in with Deploy_IdP');

    await deploy(writeProject({ 'settings/Security.settings-meta.xml': security(false) }).sourceDir, {}, d);
    expect(d.saml.enabled()).toBe(false);
    const authn = await fetch(`${d.instanceUrl}/saml/authn?idp=Deploy_IdP`, { redirect: 'manual' });
    expect(authn.status).toBe(403);
    expect(await authn.text()).toContain('SAML Enabled in Setup');
  });
});

describe('a dataDir org restarted after a deploy', () => {
  it('keeps the deployed schema, SAML side and component list, and the records that use them', async () => {
    const dataDir = mkdtempSync(join(home, 'data-'));
    const first = await startMockOrgs({ orgs: ['P'], sourceDir: null, dataDir, metadataApi: { stepMs: 0 } });
    try {
      const p = first.org('P');
      const source = writeProject({}, { sso: true }).sourceDir;
      await deploy(source, {}, p);
      const { result, conn } = await deploy(source, {}, p);
      expect(result.response.status).toBe('Succeeded');
      expect((await conn.sobject('Widget__c').create({ Name: 'W-kept', Size__c: 7 })).success).toBe(true);
    } finally {
      await first.close();
    }

    const again = await startMockOrgs({ orgs: ['P'], sourceDir: null, dataDir, metadataApi: { stepMs: 0 } });
    try {
      const p = again.org('P');
      const conn = await connect(p.instanceUrl, adminToken(p));
      expect((await conn.sobject('Account').describe()).fields.find((f) => f.name === 'Tier__c')).toMatchObject({ type: 'string', length: 20 });
      expect((await conn.query<{ Name: string; Size__c: number }>('SELECT Name, Size__c FROM Widget__c')).records).toEqual([expect.objectContaining({ Name: 'W-kept', Size__c: 7 })]);
      expect(p.saml.configs().map((c) => c.name)).toContain('Deploy_IdP');
      expect(p.saml.enabled()).toBe(true);
      expect(p.metadata.components().map((c) => `${c.type}:${c.fullName}`)).toEqual(expect.arrayContaining(['CustomObject:Widget__c', 'CustomField:Account.Tier__c', 'Settings:Security', 'ApexClass:Greeter']));
      expect(p.metadata.settings('Security')).toBeDefined();
      // Deployed twice, kept once: the file holds each component's last deploy.
      expect(p.metadata.components().filter((c) => c.fullName === 'Widget__c')).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});

describe('SDR deploys to the mock org over REST', () => {
  it('deploys through metadata/deployRequest and answers the same result', async () => {
    const b = orgs.org('B');
    const project = writeProject();
    const { result, conn } = await deploy(project.sourceDir, { rest: true }, b);
    expect(result.response).toMatchObject({ status: 'Succeeded', success: true, numberComponentsTotal: 5, numberComponentsDeployed: 5 });
    expect(result.getFileResponses().find((f) => f.fullName === 'Widget__c')).toMatchObject({ type: 'CustomObject', state: 'Created' });
    const describe = await conn.sobject('Widget__c').describe();
    expect(describe.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'Size__c']));
    expect(b.metadata.deployments().at(-1)).toMatchObject({ id: result.response.id, status: 'Succeeded' });
  });
});

describe('a failed deploy', () => {
  it('maps a broken class and malformed XML back to the source files and lines, and applies nothing', async () => {
    const c = orgs.org('C');
    const project = writeProject({
      'classes/Broken.cls': 'public with sharing class Broken {\n    public void run() {\n        Integer x = 1\n    }\n}\n',
      'classes/Broken.cls-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n',
      'classes/Greeter.cls-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <status>Active</statuz>\n</ApexClass>\n',
    });
    const { result } = await deploy(project.sourceDir, {}, c);
    expect(result.response).toMatchObject({ status: 'Failed', success: false, done: true, numberComponentErrors: 2 });
    const failures = result.getFileResponses().filter((f) => f.state === 'Failed');
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fullName: 'Broken', type: 'ApexClass', filePath: project.file('classes/Broken.cls'), lineNumber: 4, problemType: 'Error', error: expect.stringContaining("Missing ';' at '}'") }),
        expect.objectContaining({ fullName: 'Greeter', type: 'ApexClass', filePath: project.file('classes/Greeter.cls-meta.xml'), lineNumber: 4, problemType: 'Error', error: expect.stringMatching(/^Error parsing file: /) }),
      ]),
    );
    expect(failures).toHaveLength(2);
    // rollbackOnError (the default): nothing from the package reached the org.
    expect(c.state.schema.object('Widget__c')).toBeUndefined();
    expect(c.state.schema.object('Account')!.fields.has('tier__c')).toBe(false);
    expect(c.metadata.components()).toEqual([]);
  });
});

describe('a SamlSsoConfig the SP cannot use', () => {
  it('fails the deploy on its file, before anything is applied', async () => {
    const c = orgs.org('C');
    const pem = '<?xml version="1.0" encoding="UTF-8"?>\n<SamlSsoConfig xmlns="http://soap.sforce.com/2006/04/metadata">\n    <name>Bad</name>\n    <identityLocation>SubjectNameId</identityLocation>\n    <identityMapping>FederationId</identityMapping>\n    <issuer>https://idp.example</issuer>\n    <samlEntityId>https://acme.my.salesforce.com</samlEntityId>\n    <samlVersion>SAML2_0</samlVersion>\n    <validationCert>-----BEGIN CERTIFICATE-----MIIC-----END CERTIFICATE-----</validationCert>\n</SamlSsoConfig>\n';
    const project = writeProject({ 'samlssoconfigs/Bad_IdP.samlssoconfig-meta.xml': pem });
    const { result } = await deploy(project.sourceDir, {}, c);
    expect(result.response.status).toBe('Failed');
    expect(result.getFileResponses().filter((f) => f.state === 'Failed')).toEqual([
      expect.objectContaining({ fullName: 'Bad_IdP', type: 'SamlSsoConfig', filePath: project.file('samlssoconfigs/Bad_IdP.samlssoconfig-meta.xml'), error: expect.stringContaining('validationCert must be base64 DER without PEM armour') }),
    ]);
    expect(c.saml.configs()).toEqual([]);
    expect(c.state.schema.object('Widget__c')).toBeUndefined();
  });
});

describe('validate (checkOnly) and quick deploy', () => {
  let q: MockOrgs;
  beforeAll(async () => {
    q = await startMockOrgs({ orgs: ['Q'], sourceDir: null, metadataApi: { stepMs: 0 } });
  });
  afterAll(() => q.close());

  it('validates without changing the org, quick-deploys the validation once, and refuses it after that', async () => {
    const target = q.org('Q');
    const project = writeProject();
    const validation = await deploy(project.sourceDir, { checkOnly: true }, target);
    expect(validation.result.response).toMatchObject({ status: 'Succeeded', checkOnly: true, numberComponentsDeployed: 5 });
    expect(target.state.schema.object('Widget__c')).toBeUndefined();
    expect((await validation.conn.query('SELECT Id FROM ApexClass')).totalSize).toBe(0);
    expect(target.metadata.components()).toEqual([]);

    const quick = new sdr.MetadataApiDeploy({ id: validation.result.response.id, usernameOrConnection: validation.conn });
    const quickId = await quick.deployRecentValidation(false);
    expect(quickId).not.toBe(validation.result.response.id);
    const deployed = await new sdr.MetadataApiDeploy({ id: quickId, usernameOrConnection: validation.conn }).pollStatus(10, 30);
    expect(deployed.response).toMatchObject({ id: quickId, status: 'Succeeded', checkOnly: false });
    expect(target.state.schema.object('Widget__c')?.fields.has('size__c')).toBe(true);
    expect((await validation.conn.query('SELECT Name FROM ApexClass')).totalSize).toBe(2);

    // Once only: the same validation again is refused with the API's error.
    await expect(quick.deployRecentValidation(false)).rejects.toMatchObject({ errorCode: 'sf:INVALID_ID_FIELD', message: expect.stringContaining('cannot be quick-deployed') });
  });

  it('refuses a quick deploy of a validation that another deploy followed, and of a deploy that was no validation (REST too)', async () => {
    const target = q.org('Q');
    const validation = await deploy(writeProject().sourceDir, { checkOnly: true, rest: true }, target);
    const later = await deploy(writeProject({ 'classes/Greeter_Test.cls': null, 'classes/Greeter_Test.cls-meta.xml': null }).sourceDir, {}, target);
    expect(later.result.response.status).toBe('Succeeded');
    const byRest = new sdr.MetadataApiDeploy({ id: validation.result.response.id, usernameOrConnection: validation.conn });
    await expect(byRest.deployRecentValidation(true)).rejects.toMatchObject({ errorCode: 'INVALID_ID_FIELD' });
    const notAValidation = new sdr.MetadataApiDeploy({ id: later.result.response.id, usernameOrConnection: later.conn });
    await expect(notAValidation.deployRecentValidation(false)).rejects.toMatchObject({ errorCode: 'sf:INVALID_ID_FIELD' });
  });
});

describe('cancel, faults, tests and errors', () => {
  it('cancels a deploy through SDR: the result is Canceled and nothing is applied', async () => {
    const d = (await startMockOrgs({ orgs: ['D'], sourceDir: null, metadataApi: { stepMs: 0 } })).org('D');
    try {
      const { op } = await startDeploy(writeProject().sourceDir, {}, d);
      let canceled = false;
      op.onCancel(() => {
        canceled = true;
      });
      await op.cancel();
      const result = await op.pollStatus(10, 30);
      expect(result.response).toMatchObject({ status: 'Canceled', done: true, success: false, canceledByName: 'Admin Org D' });
      expect(canceled).toBe(true);
      expect(d.state.schema.object('Widget__c')).toBeUndefined();
      expect(d.metadata.components()).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('survives a 503 on a status poll: SDR polls again and the deploy finishes', async () => {
    const e = (await startMockOrgs({ orgs: ['E'], sourceDir: null, metadataApi: { stepMs: 0 } })).org('E');
    try {
      const { op } = await startDeploy(writeProject().sourceDir, {}, e);
      e.faults.set([{ match: { method: 'POST', path: '/services/Soap/m/**' }, error: 'SERVER_UNAVAILABLE', times: 1 }]);
      const result = await op.pollStatus(10, 30);
      expect(e.faults.get().fired).toEqual([1]);
      expect(result.response).toMatchObject({ status: 'Succeeded', success: true });
    } finally {
      await e.close();
    }
  });

  it('reports a test level as not run, never as a pass', async () => {
    const { result } = await deploy(writeProject().sourceDir, { checkOnly: true, testLevel: 'RunLocalTests' });
    expect(result.response).toMatchObject({ status: 'Succeeded', runTestsEnabled: true, numberTestsTotal: 0, numberTestsCompleted: 0 });
    const tests = result.response.details.runTestResult!;
    expect(tests).toMatchObject({ numTestsRun: 0, numFailures: 0, successes: [], failures: [] });
    expect(tests.codeCoverageWarnings).toEqual([
      expect.objectContaining({ message: 'The mock org does not run Apex tests: RunLocalTests asked for 1 test class (Greeter_Test), not run.' }),
    ]);
  });

  it('answers SOAP faults as Salesforce shapes them: a bad session, an unknown id', async () => {
    const envelope = (session: string, body: string): string =>
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>${session}</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata">${body}</soapenv:Body></soapenv:Envelope>`;
    const post = (session: string, body: string) => fetch(`${org.instanceUrl}/services/Soap/m/65.0/${org.orgId.slice(0, 15)}`, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: '""' }, body: envelope(session, body) });
    const badSession = await post('00D000000000001!nope', '<checkDeployStatus><asyncProcessId>0Af000000000001AAA</asyncProcessId></checkDeployStatus>');
    expect(badSession.status).toBe(500);
    expect(await badSession.text()).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring>');

    const conn = await connect(org.instanceUrl, token);
    await expect(conn.metadata.checkDeployStatus('0Af5A0000009999', true)).rejects.toMatchObject({ errorCode: 'sf:INVALID_CROSS_REFERENCE_KEY', message: 'INVALID_CROSS_REFERENCE_KEY: invalid cross reference id' });
    const doctype = await post(token, '<!DOCTYPE x><deploy/>');
    expect(doctype.status).toBe(500);
    expect(await doctype.text()).toContain('<faultcode>soapenv:Client</faultcode>');
  });
});
