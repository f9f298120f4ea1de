import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkApex } from '../fieldReferences/apexReferences.js';
import { schemaImports } from '../fieldReferences/lwcReferences.js';
import { indexObjects } from '../fieldReferences/objectIndex.js';
import { createReferenceChecker, type ReferenceChecker } from '../fieldReferences/referenceChecker.js';
import { standardObjectNames } from '../fieldReferences/standardObjects.js';
import { listSourceFiles, relativeToProject } from '../projectFiles.js';
import type { Check, CheckContext, Finding } from '../types.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

interface ProjectSettings {
  /** sfdx-project.json "namespace" ('' means none). */
  namespace?: string;
  /** Every package directory, absolute. */
  packageDirs: string[];
}

async function readProjectSettings(projectDir: string): Promise<ProjectSettings> {
  try {
    const project = JSON.parse(await readFile(path.join(projectDir, 'sfdx-project.json'), 'utf8')) as {
      namespace?: unknown;
      packageDirectories?: { path?: unknown }[];
    };
    const namespace = typeof project.namespace === 'string' && project.namespace ? project.namespace : undefined;
    const packageDirs = (project.packageDirectories ?? []).flatMap((d) => (typeof d.path === 'string' ? [path.resolve(projectDir, d.path)] : []));
    return { ...(namespace ? { namespace } : {}), packageDirs };
  } catch {
    return { packageDirs: [] }; // The sdr check reports an unreadable project file.
  }
}

/**
 * The files of `sourceDir` plus the objects/ of the project's other package directories: in a
 * multi-package project (a base package of objects, an app package of code on top), code in one
 * directory legitimately uses fields another defines.
 */
async function objectFiles(sourceDir: string, sourceFiles: string[], packageDirs: string[]): Promise<string[]> {
  const others = packageDirs.filter((dir) => path.resolve(dir) !== path.resolve(sourceDir) && existsSync(dir));
  const otherFiles = await Promise.all(others.map((dir) => listSourceFiles(dir)));
  return [...sourceFiles, ...otherFiles.flat()];
}

function isLwcScript(file: string): boolean {
  return file.endsWith('.js') && file.split(path.sep).includes('lwc');
}

function checkLwc(source: string, checker: ReferenceChecker): void {
  for (const { object, path: fields } of schemaImports(source)) {
    checker.object(object.name, object, 'an @salesforce/schema import');
    const sobject = checker.sobject(object.name);
    if (sobject && fields.length > 0) checker.path(sobject, fields);
  }
}

/**
 * Every custom field referenced from Apex and LWC must be defined under objects/. apex-ls does
 * not report an unknown custom field on a standard object nor in a SOQL select list; this
 * closes that hole. Only names a parse tree can see are checked: dynamic SOQL and
 * `record.get('Foo__c')` strings are not.
 */
export const fieldReferencesCheck: Check = {
  name: 'field-references',
  description: CHECK_DESCRIPTIONS['field-references'],
  async run(ctx: CheckContext): Promise<Finding[]> {
    const files = await listSourceFiles(ctx.sourceDir);
    const { namespace, packageDirs } = await readProjectSettings(ctx.projectDir);
    const [index, standardObjects] = await Promise.all([indexObjects(await objectFiles(ctx.sourceDir, files, packageDirs)), standardObjectNames()]);
    const indexed = new Set([ctx.sourceDir, ...packageDirs].map((d) => path.resolve(d))).size;
    const sourceLabel = relativeToProject(ctx.projectDir, ctx.sourceDir);
    const missing = (file: string): string => (indexed > 1 ? `no package directory has ${file}` : `${sourceLabel} has no ${file}`);
    const findings: Finding[] = [];
    for (const file of files) {
      const apexKind = file.endsWith('.cls') ? 'class' : file.endsWith('.trigger') ? 'trigger' : undefined;
      if (!apexKind && !isLwcScript(file)) continue;
      const checker = createReferenceChecker({ index, standardObjects, namespace, missing });
      const source = await readFile(file, 'utf8');
      if (apexKind) checkApex(source, apexKind, checker);
      else checkLwc(source, checker);
      for (const { line, column, message, rule } of checker.problems) {
        findings.push({ check: 'field-references', severity: 'error', file: relativeToProject(ctx.projectDir, file), line, column, message, rule });
      }
    }
    return findings;
  },
};
