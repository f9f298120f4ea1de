import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgkit } from './helpers/runOrgkit.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SERVICE = 'force-app/main/default/classes/AccountEnrichmentService.cls';

let copy: string;
beforeAll(async () => {
  copy = await mkdtemp(path.join(os.tmpdir(), 'orgkit-force-app-copy-'));
  for (const entry of ['force-app', 'sfdx-project.json', '.forceignore', '.prettierrc']) {
    await cp(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
  }
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe("orgkit check on a copy of the repo's force-app", () => {
  it('exits 1 naming the file and line of one seeded defect: a field Account does not have', async () => {
    const file = path.join(copy, SERVICE);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('changes.Headquarters__c = verified.headquarters;'));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('Headquarters__c', 'Head_Office__c');
    await writeFile(file, lines.join('\n'));

    const result = await runOrgkit(['check', '--checks', 'field-references,apex'], { cwd: copy });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${SERVICE}:${at + 1}:`);
    expect(result.stdout).toContain('Account.Head_Office__c');
    expect(result.stdout).toMatch(/1 error, \d+ warnings?/);
  });
});
