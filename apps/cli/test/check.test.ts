import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apexClass, makeProject, runOrgkit } from './helpers/runOrgkit.js';

const GOOD_CLASS = `/**
 * Greets; exists so the project has one valid class.
 */
public with sharing class Greeter {
    public static String greet(String name) {
        return 'Hello, ' + name;
    }
}
`;

// Line 6 assigns a String to an Integer: apex-ls reports it as a type error.
const BAD_CLASS = `/**
 * Counts; holds a seeded type error.
 */
public with sharing class Counter {
    public static Integer count() {
        Integer total = 'three';
        return total;
    }
}
`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function project(files: Record<string, string>): Promise<string> {
  const { dir, cleanup } = await makeProject(files);
  cleanups.push(cleanup);
  return dir;
}

describe('orgkit check', () => {
  it('exits 0 and says so on a clean project', async () => {
    const dir = await project(apexClass('Greeter', GOOD_CLASS));
    const result = await runOrgkit(['check'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('0 errors');
    expect(result.code).toBe(0);
  });

  it('exits 1 naming the file and line of a seeded defect', async () => {
    const dir = await project({ ...apexClass('Greeter', GOOD_CLASS), ...apexClass('Counter', BAD_CLASS) });
    const result = await runOrgkit(['check', '--checks', 'apex'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/force-app\/main\/default\/classes\/Counter\.cls:6(:\d+)?\n/);
    expect(result.stdout).not.toContain('Greeter.cls');
  });

  it('gives machines the same facts with --json', async () => {
    const dir = await project(apexClass('Counter', BAD_CLASS));
    const result = await runOrgkit(['check', '--checks', 'apex,format', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.status).toBe(1);
    expect(out.result.checks.map((c: { name: string }) => c.name)).toEqual(['apex', 'format']);
    expect(out.result.findings).toContainEqual(
      expect.objectContaining({ check: 'apex', severity: 'error', file: 'force-app/main/default/classes/Counter.cls', line: 6 }),
    );
  });

  it('checks the folder --source names, from anywhere inside the project', async () => {
    const dir = await project(apexClass('Counter', BAD_CLASS));
    const result = await runOrgkit(['check', '--source', 'default', '--checks', 'apex', '--json'], {
      cwd: path.join(dir, 'force-app', 'main'),
    });
    expect(JSON.parse(result.stdout).result.sourceDir).toBe(path.join(dir, 'force-app', 'main', 'default'));
    expect(result.code).toBe(1);
  });

  it('says Java is missing and how to install it, and exits 2', async () => {
    const dir = await project(apexClass('Greeter', GOOD_CLASS));
    // An empty folder as PATH: the command is started by path, and no java can be found.
    const emptyBin = await mkdtemp(path.join(os.tmpdir(), 'orgkit-no-java-'));
    cleanups.push(() => rm(emptyBin, { recursive: true, force: true }));
    const result = await runOrgkit(['check', '--checks', 'apex,pmd,format'], {
      cwd: dir,
      env: { PATH: emptyBin, JAVA_HOME: '' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('apex could not run (JAVA_NOT_FOUND): Java 11 or newer is needed');
    expect(result.stdout).toContain('apt-get install');
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('outside a project, says what to do without a stack trace', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-no-project-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runOrgkit(['check'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No sfdx-project.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown check name with the list of valid ones', async () => {
    const dir = await project({});
    const result = await runOrgkit(['check', '--checks', 'apex,spelling'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown check spelling');
    expect(result.stderr).toContain('field-references');
  });
});
