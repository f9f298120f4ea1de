import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built command, run as a user runs it: tests exercise what `npm run build` produced. */
const BIN = fileURLToPath(new URL('../../dist/bin/orgkit.js', import.meta.url));
/** The repo's prettier settings, so temp projects are formatted the way force-app is. */
const PRETTIERRC = fileURLToPath(new URL('../../../../.prettierrc', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOrgkit(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A throwaway SFDX project: `files` maps paths under force-app/main/default to their text. */
export async function makeProject(files: Record<string, string>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-cli-'));
  const all: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }),
    '.prettierrc': await readFile(PRETTIERRC, 'utf8'),
    ...Object.fromEntries(Object.entries(files).map(([p, text]) => [`force-app/main/default/${p}`, text])),
  };
  for (const [rel, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/** An Apex class and its meta file, as a pair of project files. */
export function apexClass(name: string, body: string): Record<string, string> {
  return { [`classes/${name}.cls`]: body, [`classes/${name}.cls-meta.xml`]: CLASS_META };
}
