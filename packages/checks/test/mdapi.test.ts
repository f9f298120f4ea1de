import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { MdapiReadError, validateMdapiPackage } from '../src/mdapi.js';
import { compilerWording } from '../src/mdapi/apexSyntax.js';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const packageXml = (types: Record<string, string[]>): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Package ${NS}>\n${Object.entries(types)
    .map(([name, members]) => `    <types>\n${members.map((m) => `        <members>${m}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`)
    .join('')}    <version>65.0</version>\n</Package>\n`;
const classMeta = `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`;
const hello = 'public with sharing class Hello {\n    public static String greet() {\n        return \'hi\';\n    }\n}\n';
const accountObject = (fieldBody = '<label>Tier</label>\n        <length>20</length>\n        <type>Text</type>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject ${NS}>\n    <fields>\n        <fullName>Tier__c</fullName>\n        ${fieldBody}\n    </fields>\n</CustomObject>\n`;
const security = `<?xml version="1.0" encoding="UTF-8"?>\n<SecuritySettings ${NS}>\n    <singleSignOnSettings>\n        <enableSamlLogin>true</enableSamlLogin>\n    </singleSignOnSettings>\n</SecuritySettings>\n`;

const validFiles = (): Record<string, string> => ({
  'package.xml': packageXml({ ApexClass: ['Hello'], CustomField: ['Account.Tier__c'], Settings: ['Security'] }),
  'classes/Hello.cls': hello,
  'classes/Hello.cls-meta.xml': classMeta,
  'objects/Account.object': accountObject(),
  'settings/Security.settings': security,
});

async function zipOf(files: Record<string, string>, prefix = ''): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(`${prefix}${name}`, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('validateMdapiPackage', () => {
  it('accepts a valid package and hands back each named component with its XML and content', async () => {
    const report = await validateMdapiPackage({ zip: await zipOf(validFiles()) });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, root: '', version: '65.0' });
    expect(report.components.map((c) => [c.type, c.fullName, c.fileName])).toEqual([
      ['ApexClass', 'Hello', 'classes/Hello.cls'],
      ['CustomField', 'Account.Tier__c', 'objects/Account.object'],
      ['Settings', 'Security', 'settings/Security.settings'],
    ]);
    expect(report.components[0]!.content).toBe(hello);
    expect(report.components[1]!.element?.children.find((c) => c.name === 'length')?.text).toBe('20');
    expect(report.components[2]!.element?.name).toBe('SecuritySettings');
  });

  it('reads a package under one root folder (as SDR zips an mdapi folder) and reports paths with it', async () => {
    const files = validFiles();
    files['classes/Hello.cls'] = 'public class Hello {\n    void broken( {\n}\n';
    const report = await validateMdapiPackage({ zip: await zipOf(files, 'zip/') });
    expect(report.root).toBe('zip/');
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ componentType: 'ApexClass', fullName: 'Hello', fileName: 'zip/classes/Hello.cls', lineNumber: 2, columnNumber: 18, problem: "Unexpected token '{'.", problemType: 'Error' })]);
  });

  it('says "No package.xml found" for a zip without one', async () => {
    const { package: _omit, ...rest } = { package: 0, ...validFiles() };
    delete (rest as Record<string, string>)['package.xml'];
    const report = await validateMdapiPackage({ zip: await zipOf(rest as Record<string, string>) });
    expect(report).toMatchObject({ ok: false, components: [] });
    expect(report.problems).toEqual([{ componentType: '', fullName: 'package.xml', fileName: 'package.xml', problem: 'No package.xml found', problemType: 'Error' }]);
  });

  it('words a named member missing from the zip as Salesforce does, and refuses unknown type names', async () => {
    const files = validFiles();
    files['package.xml'] = packageXml({ ApexClass: ['Hello', 'Missing'], ApexKlass: ['X'] });
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.problems.map((p) => [p.componentType, p.fullName, p.fileName, p.problem])).toEqual([
      ['ApexClass', 'Missing', 'package.xml', "An object 'Missing' of type ApexClass was named in package.xml, but was not found in zipped directory"],
      ['', 'ApexKlass', 'package.xml', "Unknown type name 'ApexKlass' specified in package.xml"],
    ]);
  });

  it('reports malformed XML and DOCTYPE with the file, line and column', async () => {
    const files = validFiles();
    files['classes/Hello.cls-meta.xml'] = classMeta.replace('<status>Active</status>', '<status>Active</stat>');
    files['settings/Security.settings'] = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<SecuritySettings ${NS}/>\n`;
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.problems).toEqual([
      expect.objectContaining({ componentType: 'ApexClass', fullName: 'Hello', fileName: 'classes/Hello.cls-meta.xml', lineNumber: 4, problem: expect.stringMatching(/^Error parsing file: /) }),
      expect.objectContaining({ componentType: 'Settings', fullName: 'Security', fileName: 'settings/Security.settings', lineNumber: 2, columnNumber: 1, problem: 'Error parsing file: DOCTYPE is not allowed in metadata' }),
    ]);
  });

  it('validates against the type schema and puts a field problem on the field, not its object', async () => {
    const files = validFiles();
    files['objects/Account.object'] = accountObject('<label>Tier</label>\n        <lenght>20</lenght>\n        <type>Text</type>');
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.problems).toEqual([
      expect.objectContaining({ componentType: 'CustomField', fullName: 'Account.Tier__c', fileName: 'objects/Account.object', lineNumber: 6, columnNumber: 9, problem: expect.stringContaining('<lenght> is not an element of CustomField') }),
    ]);
  });

  it('reads a package folder on disk the same way, and refuses a buffer that is no zip', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mdapi-'));
    temp.push(dir);
    for (const [name, text] of Object.entries(validFiles())) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const report = await validateMdapiPackage({ dir });
    expect(report.ok).toBe(true);
    expect(report.components).toHaveLength(3);
    await expect(validateMdapiPackage({ zip: Buffer.from('not a zip') })).rejects.toThrow(MdapiReadError);
  });

  it('checks triggers too, and takes every component of a type for the * wildcard', async () => {
    const files = validFiles();
    files['package.xml'] = packageXml({ ApexClass: ['*'], ApexTrigger: ['AccountTrigger'] });
    files['classes/Other.cls'] = 'public class Other {}\n';
    files['classes/Other.cls-meta.xml'] = classMeta;
    files['triggers/AccountTrigger.trigger'] = 'trigger AccountTrigger on Account (before insert) {\n    for (Account a : Trigger.new) {\n        a.Name = a.Name.trim()\n    }\n}\n';
    files['triggers/AccountTrigger.trigger-meta.xml'] = `<?xml version="1.0" encoding="UTF-8"?>\n<ApexTrigger ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexTrigger>\n`;
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.components.map((c) => `${c.type}:${c.fullName}`).sort()).toEqual(['ApexClass:Hello', 'ApexClass:Other', 'ApexTrigger:AccountTrigger']);
    expect(report.problems).toEqual([
      { componentType: 'ApexTrigger', fullName: 'AccountTrigger', fileName: 'triggers/AccountTrigger.trigger', lineNumber: 4, columnNumber: 5, problem: "Missing ';' at '}'", problemType: 'Error' },
    ]);
  });
});

describe('validateMdapiPackage on child and folder types', () => {
  const assignmentRules = (criteria = '<field>Lead.LeadSource</field>') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<AssignmentRules ${NS}>\n    <assignmentRule>\n        <fullName>Lead_Routing</fullName>\n        <active>true</active>\n        <ruleEntry>\n            <assignedTo>Leads</assignedTo>\n            <assignedToType>Queue</assignedToType>\n            <criteriaItems>\n                ${criteria}\n                <operation>equals</operation>\n                <value>Web</value>\n            </criteriaItems>\n        </ruleEntry>\n    </assignmentRule>\n</AssignmentRules>\n`;
  const folderMeta = (root: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} ${NS}>\n    <name>Lead Management</name>\n</${root}>\n`;

  it('finds a child whose element is not its source folder name (AssignmentRule) and puts its problems on it', async () => {
    const files = { 'package.xml': packageXml({ AssignmentRule: ['Lead.Lead_Routing', 'Lead.Other_Rule'] }), 'assignmentRules/Lead.assignmentRules': assignmentRules() };
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.components.map((c) => [c.type, c.fullName, c.fileName, c.element?.name])).toEqual([['AssignmentRule', 'Lead.Lead_Routing', 'assignmentRules/Lead.assignmentRules', 'assignmentRule']]);
    expect(report.problems.map((p) => [p.componentType, p.fullName])).toEqual([['AssignmentRule', 'Lead.Other_Rule']]);

    files['assignmentRules/Lead.assignmentRules'] = assignmentRules('<feild>Lead.LeadSource</feild>');
    files['package.xml'] = packageXml({ AssignmentRule: ['Lead.Lead_Routing'] });
    const broken = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(broken.problems).toContainEqual(expect.objectContaining({ componentType: 'AssignmentRule', fullName: 'Lead.Lead_Routing', fileName: 'assignmentRules/Lead.assignmentRules', lineNumber: 10, problem: expect.stringContaining('<feild>') }));
    expect(broken.problems.every((p) => p.componentType === 'AssignmentRule' && p.fullName === 'Lead.Lead_Routing')).toBe(true);
  });

  it('takes a folder named under its content type, with or without the trailing slash SDR writes', async () => {
    const files = {
      'package.xml': packageXml({ Report: ['Lead_Management/', 'Lead_Management/Funnel'], Dashboard: ['Lead_Management'] }),
      'reports/Lead_Management-meta.xml': folderMeta('ReportFolder'),
      'reports/Lead_Management/Funnel.report': `<?xml version="1.0" encoding="UTF-8"?>\n<Report ${NS}>\n    <format>Tabular</format>\n    <name>Funnel</name>\n    <reportType>LeadList</reportType>\n</Report>\n`,
      'dashboards/Lead_Management-meta.xml': folderMeta('DashboardFolder'),
    };
    const report = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(report.problems).toEqual([]);
    expect(report.components.map((c) => `${c.type}:${c.fullName}`)).toEqual(['ReportFolder:Lead_Management', 'Report:Lead_Management/Funnel', 'DashboardFolder:Lead_Management']);

    files['package.xml'] = packageXml({ Report: ['Other_Folder/', 'Lead_Management/Funnel/'] });
    const missing = await validateMdapiPackage({ zip: await zipOf(files) });
    expect(missing.problems.map((p) => p.fullName)).toEqual(['Other_Folder/', 'Lead_Management/Funnel/']);
  });

  it("passes every component of the repo's own force-app, zipped as SDR zips it for a deploy", async () => {
    const set = ComponentSet.fromSource(path.join(REPO_ROOT, 'force-app'));
    const { zipBuffer } = await new MetadataConverter().convert(set, 'metadata', { type: 'zip' });
    const report = await validateMdapiPackage({ zip: zipBuffer! });
    expect(report.problems).toEqual([]);
    // Every member package.xml names comes back as a component, folders and children included.
    const members = (await set.getObject()).Package.types.flatMap((t) => t.members);
    const found = report.components.map((c) => `${c.type}:${c.fullName}`);
    expect(found).toHaveLength(members.length);
    expect(found).toEqual(expect.arrayContaining(['AssignmentRule:Lead.Lead_Routing', 'ReportFolder:Lead_Management', 'DashboardFolder:Lead_Management', 'Report:Lead_Management/Lead_Funnel_By_Status', 'MatchingRule:Lead.Lead_Email_Name_Company_Phone']));
  }, 120_000);
});

describe('compilerWording', () => {
  it("names the token the parser stopped at, as the Apex compiler does, instead of ANTLR's expected-token list", () => {
    expect(compilerWording("mismatched input '{' expecting {'abstract', 'after'}")).toBe("Unexpected token '{'.");
    expect(compilerWording("extraneous input '<EOF>' expecting {'class'}")).toBe('Unexpected end of file.');
    expect(compilerWording("no viable alternative at input 'Integer x ='")).toBe("Unexpected token 'Integer x ='.");
    expect(compilerWording("missing ';' at '}'")).toBe("Missing ';' at '}'");
    expect(compilerWording('token recognition error at: \'#\'')).toBe("token recognition error at: '#'");
  });
});
