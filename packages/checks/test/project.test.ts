import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectError, resolveCheckContext } from '../src/index.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orgkit-project-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function writeProject(json: string): Promise<void> {
  await writeFile(path.join(root, 'sfdx-project.json'), json);
}

function errorOf(fn: () => unknown): ProjectError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProjectError) return err;
    throw err;
  }
  throw new Error('expected a ProjectError');
}

describe('resolveCheckContext', () => {
  it('picks the default package directory of the nearest sfdx-project.json', async () => {
    await writeProject(JSON.stringify({ packageDirectories: [{ path: 'other' }, { path: 'force-app', default: true }] }));
    await mkdir(path.join(root, 'force-app', 'main'), { recursive: true });
    const ctx = resolveCheckContext({ cwd: path.join(root, 'force-app', 'main') });
    expect(ctx).toEqual({ projectDir: root, sourceDir: path.join(root, 'force-app') });
  });

  it('uses --source relative to the working folder', async () => {
    await writeProject(JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    await mkdir(path.join(root, 'force-app', 'main', 'default'), { recursive: true });
    const ctx = resolveCheckContext({ cwd: path.join(root, 'force-app'), source: 'main/default' });
    expect(ctx.sourceDir).toBe(path.join(root, 'force-app', 'main', 'default'));
    expect(ctx.projectDir).toBe(root);
  });

  it('tells the user when there is no project', () => {
    const err = errorOf(() => resolveCheckContext({ cwd: root }));
    expect(err.code).toBe('PROJECT_NOT_FOUND');
    expect(err.message).toContain('Run the command inside a Salesforce DX project');
  });

  it('names a --source folder that does not exist', async () => {
    await writeProject('{}');
    const err = errorOf(() => resolveCheckContext({ cwd: root, source: 'nope' }));
    expect(err.code).toBe('SOURCE_NOT_FOUND');
    expect(err.message).toContain('--source nope');
  });

  it('says which file is broken when sfdx-project.json is not JSON', async () => {
    await writeProject('{ packageDirectories: ');
    const err = errorOf(() => resolveCheckContext({ cwd: root }));
    expect(err.code).toBe('PROJECT_INVALID');
    expect(err.message).toContain(path.join(root, 'sfdx-project.json'));
  });

  it('asks for a package directory when the project lists none', async () => {
    await writeProject(JSON.stringify({ packageDirectories: [] }));
    expect(errorOf(() => resolveCheckContext({ cwd: root })).message).toContain('lists no packageDirectories');
  });
});
