import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pmdCheck } from '../src/checks/pmd.js';
import type { Finding } from '../src/types.js';
import { createTempProject, type TempProject } from './helpers/tempProject.js';
import { apexClassMeta, CLASSES, VALID_PROJECT_FILES } from './helpers/validProject.js';

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

function contextOf(project: TempProject) {
  return { projectDir: project.dir, sourceDir: project.file('force-app') };
}

describe('pmd check on the valid project', () => {
  let project: TempProject;
  afterAll(() => project?.cleanup());

  it('finds no errors', async () => {
    project = await createTempProject(VALID_PROJECT_FILES);
    const findings = await pmdCheck.run(contextOf(project));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('pmd check on seeded defects', () => {
  let project: TempProject;
  let findings: Finding[];

  let projectFilesBefore: string[];
  let projectFilesAfter: string[];
  let tempLeftovers: string[];

  // One Code Analyzer run (two JVM starts: describe + run) serves every assertion below.
  beforeAll(async () => {
    project = await createTempProject({
      ...VALID_PROJECT_FILES,
      [`${CLASSES}/AccountSearch.cls`]: [
        '/**',
        ' * @description Looks accounts up by name.',
        ' */',
        'public with sharing class AccountSearch {',
        '    /**',
        '     * @description Accounts with the given name.',
        '     * @param name the name',
        '     * @return the accounts',
        '     */',
        '    public static List<Account> byName(String name) {',
        '        if (name == null) {',
        '        }',
        "        return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');",
        '    }',
        '}',
        '',
      ].join('\n'),
      [`${CLASSES}/AccountSearch.cls-meta.xml`]: apexClassMeta(),
      // PMD's Visualforce rules would flag this page; the check runs Apex rules only.
      'force-app/main/default/pages/Echo.page': '<apex:page>\n    <apex:outputText escape="false" value="{!$CurrentPage.parameters.q}" />\n</apex:page>\n',
      'force-app/main/default/pages/Echo.page-meta.xml':
        '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexPage xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <label>Echo</label>\n</ApexPage>\n',
      // PMD cannot parse it: Code Analyzer then keeps its working files, unless the check removes them.
      [`${CLASSES}/Unparsable.cls`]: 'public with sharing class Unparsable {\n    Integer x = ;\n}\n',
      [`${CLASSES}/Unparsable.cls-meta.xml`]: apexClassMeta(),
    });
    projectFilesBefore = await listFiles(project.dir);
    // A private temp folder (this test file runs in its own worker process) shows what the run leaves behind.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'orgkit-pmd-test-'));
    const savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      findings = await pmdCheck.run(contextOf(project));
    } finally {
      if (savedTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmpdir;
    }
    tempLeftovers = await readdir(tmp);
    await rm(tmp, { recursive: true, force: true });
    projectFilesAfter = await listFiles(project.dir);
  });
  afterAll(() => project?.cleanup());

  it('says which file PMD could not parse, as a warning', () => {
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'ProcessingError', severity: 'warning', file: `${CLASSES}/Unparsable.cls` }),
    );
  });

  it('writes nothing into the project and leaves no temp files behind', () => {
    expect(projectFilesAfter).toEqual(projectFilesBefore);
    expect(tempLeftovers).toEqual([]);
  });

  it('reports SOQL injection (High) as an error with file, line and rule', () => {
    const injection = findings.find((f) => f.rule === 'ApexSOQLInjection');
    expect(injection).toMatchObject({ check: 'pmd', severity: 'error', file: `${CLASSES}/AccountSearch.cls`, line: 13 });
    expect(injection?.column).toBeGreaterThan(0);
    expect(injection?.message).toMatch(/untrusted|unescaped/i);
  });

  it('reports a Moderate rule as a warning', () => {
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'EmptyIfStmt', severity: 'warning', file: `${CLASSES}/AccountSearch.cls`, line: 11 }),
    );
  });

  it('runs no rules on Visualforce', () => {
    expect(findings.filter((f) => f.file.includes('/pages/'))).toEqual([]);
  });
});
