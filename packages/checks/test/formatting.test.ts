import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formattingCheck } from '../src/checks/formatting.js';
import type { Finding } from '../src/types.js';
import { createTempProject, type TempProject } from './helpers/tempProject.js';
import { apexClassMeta, CLASSES, VALID_PROJECT_FILES } from './helpers/validProject.js';

function contextOf(project: TempProject) {
  return { projectDir: project.dir, sourceDir: project.file('force-app') };
}

const FIELDS = 'force-app/main/default/objects/Account/fields';

describe('format check on the valid project', () => {
  let project: TempProject;
  afterAll(() => project?.cleanup());

  // prettier looks up a plugin the .prettierrc names from the working folder: running from the
  // temp project (no node_modules above it) proves the check hands prettier the plugins itself.
  it('finds every file formatted, wherever it runs from', async () => {
    project = await createTempProject(VALID_PROJECT_FILES);
    const cwd = process.cwd();
    process.chdir(project.dir);
    try {
      expect(await formattingCheck.run(contextOf(project))).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('format check on seeded defects', () => {
  let project: TempProject;
  let findings: Finding[];

  beforeAll(async () => {
    project = await createTempProject({
      ...VALID_PROJECT_FILES,
      '.prettierignore': 'force-app/main/default/classes/Generated*.cls\n',
      [`${CLASSES}/Messy.cls`]: 'public with sharing class Messy {\n    public Integer x(){return 1;}\n}\n',
      [`${CLASSES}/Messy.cls-meta.xml`]: apexClassMeta(),
      [`${CLASSES}/Unparsable.cls`]: 'public with sharing class Unparsable {\n    Integer x = ;\n}\n',
      [`${CLASSES}/Unparsable.cls-meta.xml`]: apexClassMeta(),
      [`${FIELDS}/Broken__c.field-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8" ?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Broken__c</fullName>\n    <label Broken</label>\n</CustomField>\n',
      // Salesforce's own `?>` without a space: the XML plugin adds one.
      [`${CLASSES}/Retrieved.cls-meta.xml`]: apexClassMeta().replace(' ?>', '?>'),
      [`${CLASSES}/Retrieved.cls`]: 'public with sharing class Retrieved {\n}\n',
      'force-app/main/default/lwc/accountTier/helper.js': 'export const tier = "gold"\n',
      // Ignored by .prettierignore, and JavaScript outside lwc/: neither is checked.
      [`${CLASSES}/GeneratedStub.cls`]: 'public class GeneratedStub{}\n',
      'force-app/main/default/staticresources/lib/vendor.js': 'var a=1\n',
    });
    findings = await formattingCheck.run(contextOf(project));
  });
  afterAll(() => project?.cleanup());

  function findingFor(file: string): Finding | undefined {
    return findings.find((f) => f.file === file);
  }

  it('reports an unformatted class at its first changed line', () => {
    expect(findingFor(`${CLASSES}/Messy.cls`)).toEqual({
      check: 'format',
      severity: 'error',
      file: `${CLASSES}/Messy.cls`,
      line: 2,
      message: 'not formatted with prettier; run `npm run format`',
      rule: 'prettier',
    });
  });

  it('reports unparsable XML with the line and column of the error', () => {
    const f = findingFor(`${FIELDS}/Broken__c.field-meta.xml`);
    expect(f).toMatchObject({ severity: 'error', line: 4, rule: 'parse-error' });
    expect(f?.column).toBeGreaterThan(0);
    expect(f?.message).toMatch(/^prettier could not parse this file: /);
  });

  it('reports unparsable Apex', () => {
    const f = findingFor(`${CLASSES}/Unparsable.cls`);
    expect(f).toMatchObject({ severity: 'error', rule: 'parse-error' });
    expect(f?.message).toContain("Unexpected token ';'");
  });

  it('reports a -meta.xml whose declaration prettier would rewrite', () => {
    expect(findingFor(`${CLASSES}/Retrieved.cls-meta.xml`)).toMatchObject({ line: 1, rule: 'prettier' });
  });

  it('applies the project .prettierrc to LWC JavaScript (single quotes, semicolons)', () => {
    expect(findingFor('force-app/main/default/lwc/accountTier/helper.js')).toMatchObject({ line: 1, rule: 'prettier' });
  });

  it('reports nothing else', () => {
    expect(findings.map((f) => f.file).sort()).toEqual(
      [
        `${CLASSES}/Messy.cls`,
        `${CLASSES}/Retrieved.cls-meta.xml`,
        `${CLASSES}/Unparsable.cls`,
        `${FIELDS}/Broken__c.field-meta.xml`,
        'force-app/main/default/lwc/accountTier/helper.js',
      ].sort(),
    );
  });
});
