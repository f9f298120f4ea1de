import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckContext } from './types.js';

/** The project could not be found or read; `code` tells which, the message what to do. */
export class ProjectError extends Error {
  constructor(
    readonly code: 'PROJECT_NOT_FOUND' | 'PROJECT_INVALID' | 'SOURCE_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'ProjectError';
  }
}

interface SfdxProject {
  packageDirectories?: { path?: string; default?: boolean }[];
}

/** The nearest folder at or above `from` that holds sfdx-project.json. */
function findProjectDir(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'sfdx-project.json'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new ProjectError(
        'PROJECT_NOT_FOUND',
        `No sfdx-project.json in ${path.resolve(from)} or any folder above it. Run the command inside a Salesforce DX project, or pass --source <package directory>.`,
      );
    }
  }
}

function readProject(projectDir: string): SfdxProject {
  const file = path.join(projectDir, 'sfdx-project.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SfdxProject;
  } catch (err) {
    throw new ProjectError('PROJECT_INVALID', `${file} is not valid JSON (${(err as Error).message}). Fix it and run the command again.`);
  }
}

/**
 * Resolves what to check: `source` (a package directory, relative to `cwd`) or, when absent,
 * the project's default package directory.
 */
export function resolveCheckContext(options: { cwd?: string; source?: string } = {}): CheckContext {
  const cwd = options.cwd ?? process.cwd();
  const start = options.source ? path.resolve(cwd, options.source) : cwd;
  if (options.source && !(existsSync(start) && statSync(start).isDirectory())) {
    throw new ProjectError('SOURCE_NOT_FOUND', `--source ${options.source}: no such folder. Pass the package directory to check, e.g. --source force-app.`);
  }
  const projectDir = findProjectDir(start);
  if (options.source) return { projectDir, sourceDir: start };

  const dirs = readProject(projectDir).packageDirectories ?? [];
  const chosen = dirs.find((d) => d.default) ?? dirs[0];
  if (!chosen?.path) {
    throw new ProjectError('PROJECT_INVALID', `${path.join(projectDir, 'sfdx-project.json')} lists no packageDirectories. Add one (e.g. {"path": "force-app", "default": true}).`);
  }
  const sourceDir = path.resolve(projectDir, chosen.path);
  if (!existsSync(sourceDir)) {
    throw new ProjectError('SOURCE_NOT_FOUND', `The default package directory ${chosen.path} does not exist in ${projectDir}.`);
  }
  return { projectDir, sourceDir };
}
