import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Folders that never hold deployable source: tests, tooling output. */
const SKIPPED_DIRS = new Set(['node_modules', '__tests__', '.sfdx', '.sf', '.git', 'jest-mocks']);

/** Every file under `dir` (absolute paths, sorted), skipping test and tooling folders. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => SKIPPED_DIRS.has(part)))
    .sort();
}

/** A path relative to the project root with forward slashes, as findings report it. */
export function relativeToProject(projectDir: string, file: string): string {
  return path.relative(projectDir, file).split(path.sep).join('/');
}
