import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOrgs, type MockOrg, type MockOrgs } from '../src/index.js';

let orgs: MockOrgs;
let org: MockOrg;
let token: string;
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

beforeAll(async () => {
  orgs = await startMockOrgs({ orgs: ['R'], sourceDir: null, metadataApi: { stepMs: 0 } });
  org = orgs.org('R');
  token = org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken;
});
afterAll(() => orgs.close());

/** A metadata-format zip with one class, as the REST guide's examples send. */
async function classZip(body = 'public with sharing class Ping {\n}\n'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('package.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Package ${NS}>\n    <types>\n        <members>Ping</members>\n        <name>ApexClass</name>\n    </types>\n    <version>65.0</version>\n</Package>\n`);
  zip.file('classes/Ping.cls', body);
  zip.file('classes/Ping.cls-meta.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const url = (path = ''): string => `${org.instanceUrl}/services/data/v65.0/metadata/deployRequest${path}`;
const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function post(zip: Buffer, deployOptions: Record<string, unknown>): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(zip)], { type: 'application/zip' }), 'deploy.zip');
  form.append('entity_content', new Blob([JSON.stringify({ deployOptions })], { type: 'application/json' }));
  return fetch(url(), { method: 'POST', headers: auth(), body: form });
}

const status = async (id: string): Promise<{ id: string; url: string; deployResult: Record<string, unknown> }> => (await fetch(url(`/${id}?includeDetails=true`), { headers: auth() })).json() as never;

async function finished(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { deployResult } = await status(id);
    if (deployResult.done) return deployResult;
  }
}

describe('REST deployRequest, as the Metadata API REST guide describes it', () => {
  it('starts a deploy from multipart (201), reports it with details, and applies it', async () => {
    const res = await post(await classZip(), { checkOnly: false, testLevel: 'NoTestRun' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; deployOptions: Record<string, unknown>; deployResult: Record<string, unknown> };
    expect(created.id).toMatch(/^0Af[A-Za-z0-9]{15}$/);
    expect(created.deployOptions).toMatchObject({ checkOnly: false, rollbackOnError: true, testLevel: 'NoTestRun', singlePackage: true });
    expect(created.deployResult).toMatchObject({ id: created.id, status: 'Pending', done: false, success: false });

    const result = await finished(created.id);
    expect(result).toMatchObject({ status: 'Succeeded', success: true, numberComponentsDeployed: 1, createdByName: 'Admin Org R' });
    expect(result.details).toMatchObject({ componentSuccesses: expect.arrayContaining([expect.objectContaining({ componentType: 'ApexClass', fullName: 'Ping', fileName: 'classes/Ping.cls', created: true, success: true })]), componentFailures: [] });
    expect(org.metadata.components()).toEqual([expect.objectContaining({ type: 'ApexClass', fullName: 'Ping', deployId: created.id })]);
  });

  it('cancels with PATCH {"deployResult":{"status":"Canceling"}}, and refuses a cancel once it is done', async () => {
    const { id } = (await (await post(await classZip(), {})).json()) as { id: string };
    const patch = (): Promise<Response> => fetch(url(`/${id}`), { method: 'PATCH', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ deployResult: { status: 'Canceling' } }) });
    const canceling = await patch();
    expect(canceling.status).toBe(202);
    expect(((await canceling.json()) as { deployResult: { status: string } }).deployResult.status).toBe('Canceling');
    expect(await finished(id)).toMatchObject({ status: 'Canceled', done: true });
    const again = await patch();
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_ID_FIELD' })]);
  });

  it('quick-deploys a validation with POST deployRequest/{id}?quickDeploy=true', async () => {
    const { id } = (await (await post(await classZip('public with sharing class Ping {\n    Integer n;\n}\n'), { checkOnly: true })).json()) as { id: string };
    expect(await finished(id)).toMatchObject({ status: 'Succeeded', checkOnly: true });
    const res = await fetch(url(`/${id}?quickDeploy=true`), { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ validatedDeployRequestId: id }) });
    expect(res.status).toBe(201);
    const quick = (await res.json()) as { id: string; validatedDeployRequestId: string };
    expect(quick.validatedDeployRequestId).toBe(id);
    expect(await finished(quick.id)).toMatchObject({ status: 'Succeeded', checkOnly: false });
    const classes = [...org.state.store.scan('ApexClass', { includeDeleted: false })];
    expect(classes).toHaveLength(1);
    const [ping] = classes;
    expect(ping).toMatchObject({ Name: 'Ping', Body: 'public with sharing class Ping {\n    Integer n;\n}\n' });
  });

  it('answers bad requests with the REST error array: no file part, an unknown id, a bad test level, no token', async () => {
    const noFile = await fetch(url(), { method: 'POST', headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="entity_content"\r\n\r\n{}\r\n--x--\r\n' });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_MULTIPART_REQUEST' })]);
    const unknown = await fetch(url('/0Af5A0000009999'), { headers: auth() });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id' }]);
    const badLevel = await post(await classZip(), { testLevel: 'RunEverything' });
    expect(badLevel.status).toBe(400);
    expect(await badLevel.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD', message: expect.stringContaining('testLevel must be one of') })]);
    const noToken = await fetch(url('/0Af5A0000009999'));
    expect(noToken.status).toBe(401);
  });

  it('fails a package that is not a zip as a whole, with errorMessage and no component to blame', async () => {
    const { id } = (await (await post(Buffer.from('not a zip at all'), {})).json()) as { id: string };
    const result = await finished(id);
    expect(result).toMatchObject({ status: 'Failed', success: false, errorStatusCode: 'UNKNOWN_EXCEPTION', errorMessage: expect.stringContaining('not a readable zip file') });
  });

  it('settled() drives every open deploy to its end, for callers that do not poll', async () => {
    const { id } = (await (await post(await classZip(), {})).json()) as { id: string };
    await org.metadata.settled();
    expect(org.metadata.deployment(id)).toMatchObject({ status: 'Succeeded', done: true });
  });

  it('with the default step timer, a deploy nobody polls still finishes; polls and the timer never skip a state', async () => {
    const timed = await startMockOrgs({ orgs: ['T'], sourceDir: null });
    try {
      const t = timed.org('T');
      const tToken = t.state.sessions.issue(t.users.admin.id, t.connectedApp.clientId, { withRefreshToken: false }).accessToken;
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await classZip())], { type: 'application/zip' }), 'deploy.zip');
      const { id } = (await (await fetch(`${t.instanceUrl}/services/data/v65.0/metadata/deployRequest`, { method: 'POST', headers: { authorization: `Bearer ${tToken}` }, body: form })).json()) as { id: string };
      const seen: string[] = [];
      for (;;) {
        const res = await fetch(`${t.instanceUrl}/services/data/v65.0/metadata/deployRequest/${id}`, { headers: { authorization: `Bearer ${tToken}` } });
        const { deployResult } = (await res.json()) as { deployResult: { status: string; done: boolean } };
        if (seen.at(-1) !== deployResult.status) seen.push(deployResult.status);
        if (deployResult.done) break;
      }
      expect(seen.at(-1)).toBe('Succeeded');
      expect(seen.every((s) => ['InProgress', 'Succeeded'].includes(s))).toBe(true);
      expect(t.metadata.components()).toEqual([expect.objectContaining({ type: 'ApexClass', fullName: 'Ping', deployId: id })]);
    } finally {
      await timed.close();
    }
  });
});
