import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockOrgs, type MockOrgs } from '../src/index.js';
import { failure, jwtConnection } from './orgClients.js';

let dir: string;
let orgs: MockOrgs;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mock-org-source-'));
  const objectDir = join(dir, 'main', 'default', 'objects', 'Widget__c');
  mkdirSync(join(objectDir, 'fields'), { recursive: true });
  writeFileSync(join(objectDir, 'Widget__c.object-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Widget</label>
    <pluralLabel>Widgets</pluralLabel>
    <nameField><label>Widget Name</label><type>Text</type></nameField>
</CustomObject>`);
  writeFileSync(join(objectDir, 'fields', 'Price__c.field-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Price__c</fullName><label>Price</label><type>Currency</type><precision>5</precision><scale>2</scale><required>true</required>
</CustomField>`);
  orgs = await startMockOrgs({ orgs: ['S'], sourceDir: dir });
});
afterAll(async () => {
  await orgs.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves the objects of the given source folder, with their rules', async () => {
  const conn = await jwtConnection(orgs.org('S'));
  const created = await conn.sobject('widget__c').create({ price__c: '12.345' });
  const record = await conn.sobject('Widget__c').retrieve(created.id!);
  expect(record).toMatchObject({ Name: created.id, Price__c: 12.35 });
  expect(await failure(conn.sobject('Widget__c').create({ Name: 'No price' }))).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', data: { fields: ['Price__c'] } });
  expect(await failure(conn.sobject('Widget__c').create({ Price__c: 1000 }))).toMatchObject({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
  expect(await failure(conn.sobject('Enrichment_Run__c').create({}))).toMatchObject({ errorCode: 'NOT_FOUND' });
});
