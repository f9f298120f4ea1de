import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempProject {
  /** Absolute path of the project folder (holds sfdx-project.json). */
  dir: string;
  /** Absolute path of a file in the project, from its project-relative path. */
  file(relPath: string): string;
  cleanup(): Promise<void>;
}

export const DEFAULT_SFDX_PROJECT = {
  packageDirectories: [{ path: 'force-app', default: true }],
  name: 'temp-project',
  namespace: '',
  sfdcLoginUrl: 'https://login.salesforce.com',
  sourceApiVersion: '65.0',
};

/**
 * Writes a throwaway Salesforce DX project to a new temp folder: `files` maps project-relative
 * paths (forward slashes) to contents. sfdx-project.json is the default one unless `files` has it.
 */
export async function createTempProject(files: Record<string, string>): Promise<TempProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-checks-'));
  const all = { 'sfdx-project.json': `${JSON.stringify(DEFAULT_SFDX_PROJECT, null, 2)}\n`, ...files };
  for (const [rel, content] of Object.entries(all)) {
    const target = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return {
    dir,
    file: (relPath) => path.join(dir, ...relPath.split('/')),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
