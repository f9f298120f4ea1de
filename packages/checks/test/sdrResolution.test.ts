import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdrCheck } from '../src/checks/sdrResolution.js';
import type { Finding } from '../src/types.js';
import { createTempProject, type TempProject } from './helpers/tempProject.js';
import { apexClassMeta, CLASSES, VALID_PROJECT_FILES } from './helpers/validProject.js';

function contextOf(project: TempProject) {
  return { projectDir: project.dir, sourceDir: project.file('force-app') };
}

describe('sdr check on the valid project', () => {
  let project: TempProject;
  afterAll(() => project?.cleanup());

  it('resolves every file', async () => {
    project = await createTempProject({
      ...VALID_PROJECT_FILES,
      // Forceignored, so it need not resolve.
      'force-app/main/default/lwc/jsconfig.json': '{}\n',
    });
    expect(await sdrCheck.run(contextOf(project))).toEqual([]);
  });
});

describe('sdr check on seeded defects', () => {
  let project: TempProject;
  let findings: Finding[];

  beforeAll(async () => {
    project = await createTempProject({
      ...VALID_PROJECT_FILES,
      [`${CLASSES}/notes.txt`]: 'remember the milk\n',
      [`${CLASSES}/Typo.clss`]: 'public class Typo {}\n',
      [`${CLASSES}/Orphan.cls-meta.xml`]: apexClassMeta(),
      [`${CLASSES}/NoMeta.cls`]: 'public with sharing class NoMeta {}\n',
      'force-app/README.md': '# force-app\n',
    });
    findings = await sdrCheck.run(contextOf(project));
  });
  afterAll(() => project?.cleanup());

  function findingFor(file: string): Finding | undefined {
    return findings.find((f) => f.file === file);
  }

  it('reports a file with an unknown suffix and what to do about it', () => {
    const f = findingFor(`${CLASSES}/notes.txt`);
    expect(f).toMatchObject({ check: 'sdr', severity: 'error', rule: 'TypeInferenceError' });
    expect(f?.message).toBe(
      'resolves to no metadata type, so a deploy skips or rejects it. Move it out of force-app, fix its suffix, or add it to .forceignore',
    );
  });

  it('suggests the suffix a typo was meant to be', () => {
    expect(findingFor(`${CLASSES}/Typo.clss`)?.message).toContain('Did you mean ".cls" instead for the "ApexClass" metadata type?');
  });

  it('reports a -meta.xml without its content file', () => {
    const f = findingFor(`${CLASSES}/Orphan.cls-meta.xml`);
    expect(f).toMatchObject({ severity: 'error', rule: 'ExpectedSourceFilesError' });
    expect(f?.message).toContain("Expected source files for type 'ApexClass'");
  });

  it('reports a content file without its -meta.xml', () => {
    const f = findingFor(`${CLASSES}/NoMeta.cls`);
    expect(f).toMatchObject({ severity: 'error', rule: 'MissingMetadataXml' });
    expect(f?.message).toContain('ApexClass NoMeta has no NoMeta.cls-meta.xml');
  });

  it('reports a file that resolves to nothing', () => {
    expect(findingFor('force-app/README.md')?.message).toContain('resolves to no metadata type');
  });

  it('reports nothing else', () => {
    expect(findings.map((f) => f.file).sort()).toEqual(
      ['force-app/README.md', `${CLASSES}/NoMeta.cls`, `${CLASSES}/Orphan.cls-meta.xml`, `${CLASSES}/Typo.clss`, `${CLASSES}/notes.txt`].sort(),
    );
  });
});
