import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeployError } from './deployError.js';

/** The project's sourceApiVersion: deploys pin the connection and package.xml to it. */
export function readSourceApiVersion(projectDir: string): string {
  const file = path.join(projectDir, 'sfdx-project.json');
  let project: { sourceApiVersion?: unknown };
  try {
    project = JSON.parse(readFileSync(file, 'utf8')) as { sourceApiVersion?: unknown };
  } catch (err) {
    throw new DeployError('PROJECT_INVALID', `Cannot read ${file} (${(err as Error).message}): run the deploy inside the Salesforce DX project.`);
  }
  const version = project.sourceApiVersion;
  if (typeof version !== 'string' || !/^\d+\.0$/.test(version)) {
    throw new DeployError('PROJECT_INVALID', `${file} has no sourceApiVersion like "65.0": add one so deploys use a known API version.`);
  }
  return version;
}

/** "65.0" → 65, for comparing API versions. */
export const apiMajor = (version: string): number => Number.parseInt(version, 10);
