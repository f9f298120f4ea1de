import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apexSemanticCheck } from '../src/checks/apexSemantic.js';
import { CheckSetupError, type Finding } from '../src/types.js';
import { createTempProject, DEFAULT_SFDX_PROJECT, type TempProject } from './helpers/tempProject.js';
import { apexClassMeta, CLASSES, VALID_PROJECT_FILES } from './helpers/validProject.js';

function contextOf(project: TempProject) {
  return { projectDir: project.dir, sourceDir: project.file('force-app') };
}

describe('apex check on the valid project', () => {
  let project: TempProject;
  afterAll(() => project?.cleanup());

  it('finds nothing', async () => {
    project = await createTempProject(VALID_PROJECT_FILES);
    expect(await apexSemanticCheck.run(contextOf(project))).toEqual([]);
  });
});

describe('apex check on seeded defects', () => {
  let project: TempProject;
  let findings: Finding[];

  // One apex-ls run (one JVM start) serves every assertion below.
  beforeAll(async () => {
    project = await createTempProject({
      ...VALID_PROJECT_FILES,
      'sfdx-project.json': JSON.stringify({
        ...DEFAULT_SFDX_PROJECT,
        packageDirectories: [{ path: 'force-app', default: true }, { path: 'unpackaged' }],
      }),
      [`${CLASSES}/BrokenTypes.cls`]: [
        'public with sharing class BrokenTypes {',
        '    public static Integer count() {',
        "        Integer total = 'three';",
        '        return total;',
        '    }',
        '',
        '    public static Object make() {',
        '        return new Ledger();',
        '    }',
        '}',
        '',
      ].join('\n'),
      [`${CLASSES}/BrokenTypes.cls-meta.xml`]: apexClassMeta(),
      // An error in another package directory is not this check's to report.
      'unpackaged/classes/Elsewhere.cls': 'public class Elsewhere { public void m() { Nowhere n; } }\n',
      'unpackaged/classes/Elsewhere.cls-meta.xml': apexClassMeta(),
    });
    findings = await apexSemanticCheck.run(contextOf(project));
  });
  afterAll(() => project?.cleanup());

  it('reports a type mismatch with file, line and column', () => {
    expect(findings).toContainEqual({
      check: 'apex',
      severity: 'error',
      file: `${CLASSES}/BrokenTypes.cls`,
      line: 3,
      column: 17,
      message: "Incompatible types in assignment, from 'System.String' to 'System.Integer'",
      rule: 'Error',
    });
  });

  it('reports an unknown type once per line', () => {
    const unknown = findings.filter((f) => f.message.includes("'Ledger'"));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'error', file: `${CLASSES}/BrokenTypes.cls`, line: 8 });
  });

  it('reports only files in the checked package directory', () => {
    expect(findings.map((f) => f.file)).toEqual(findings.map(() => `${CLASSES}/BrokenTypes.cls`));
  });
});

describe('apex check on a project apex-ls cannot load', () => {
  let project: TempProject;
  afterAll(() => project?.cleanup());

  it('is a setup error naming the project problem, not a pass', async () => {
    project = await createTempProject({ ...VALID_PROJECT_FILES, 'sfdx-project.json': '{ "packageDirectories": [' });
    const err: unknown = await apexSemanticCheck.run(contextOf(project)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckSetupError);
    expect((err as CheckSetupError).code).toBe('APEX_LS_PROJECT_ERROR');
    expect((err as CheckSetupError).message).toContain('Failed to parse');
  });
});
