import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockOrgs, type MockOrg, type MockOrgs } from '@orgkit/mock-org';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apexClass, makeProject, runOrgkit } from './helpers/runOrgkit.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../dist/bin/orgkit.js', import.meta.url));
const ROLES = JSON.stringify({ roles: { source: { include: ['ApexClass:Api*'] }, target: { include: ['*'], exclude: ['ApexClass:Api*'] } }, ssoComponents: ['SamlSsoConfig:*', 'Settings:Security'] });

let mock: MockOrgs;
let home: string;
/** No login from the developer's environment leaks into a run; core writes its files under a temp HOME. */
const env = (): NodeJS.ProcessEnv => ({ ...Object.fromEntries(['LOGIN_URL', 'CLIENT_ID', 'USERNAME', 'JWT_KEY_FILE', 'CLIENT_SECRET', 'INSTANCE_URL', 'ACCESS_TOKEN'].map((k) => [`ORGKIT_${k}`, ''])), HOME: home, SF_DISABLE_LOG_FILE: 'true', SF_DISABLE_TELEMETRY: 'true', ORGKIT_DEPLOY_POLL_MS: '50' });
const login = (org: MockOrg): string[] => ['--instance-url', org.instanceUrl, '--access-token', org.state.sessions.issue(org.users.admin.id, org.connectedApp.clientId, { withRefreshToken: false }).accessToken];
/** JWT flags as CI passes them: the key goes to a file in the test's HOME. */
async function jwtLogin(org: MockOrg): Promise<string[]> {
  const keyFile = path.join(home, `${org.name}.key.pem`);
  await writeFile(keyFile, org.connectedApp.privateKeyPem, { mode: 0o600 });
  return ['--login-url', org.loginUrl, '--client-id', org.connectedApp.clientId, '--username', org.users.admin.username, '--jwt-key-file', keyFile];
}
const deploy = (cwd: string, args: string[]) => runOrgkit(['deploy', ...args], { cwd, env: env() });

async function project(files: Record<string, string> = {}) {
  const p = await makeProject({ ...apexClass('ApiGreeter', 'public with sharing class ApiGreeter {\n}\n'), ...apexClass('Enricher', 'public with sharing class Enricher {\n}\n'), ...files });
  await writeFile(path.join(p.dir, 'deploy-roles.json'), ROLES);
  cleanups.push(p.cleanup);
  return p.dir;
}
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'orgkit-deploy-cli-'));
  mock = await startMockOrgs({ orgs: ['A', 'B'], sourceDir: null, metadataApi: { stepMs: 0 } });
});
afterAll(async () => {
  await mock?.close();
  await Promise.all(cleanups.map((c) => c()));
  await rm(home, { recursive: true, force: true });
});

describe('orgkit deploy --dry-run', () => {
  it('prints what goes where on the real force-app, and the two phases, without an org', async () => {
    const run = await deploy(REPO, ['--dry-run', '--checks', 'sdr']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ApexClass\s+VerifiedAccountsAPI\s+force-app\/main\/default\/classes\/VerifiedAccountsAPI\.cls\s+source\n/);
    expect(run.stdout).toMatch(/ApexClass\s+VerifiedAccountDTO\s+\S+\s+source\+target\n/);
    expect(run.stdout).toContain('Phase 2: activate duplicate rules (1 component)');
    expect(run.stdout).toContain('SSO lockout check before sending: the set has');
    expect(run.stdout).toContain('Dry run: nothing was sent.');
  });

  it('gives the same facts as JSON', async () => {
    const run = await deploy(REPO, ['--dry-run', '--role', 'source', '--checks', 'sdr', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { status: number; result: { status: string; plan: { components: { fullName: string; roles: string[] }[] } } };
    expect(json.status).toBe(0);
    expect(json.result.status).toBe('planned');
    expect(json.result.plan.components.map((c) => c.fullName)).toContain('VerifiedAccountsAPI');
    expect(json.result.plan.components.map((c) => c.fullName)).not.toContain('AccountEnrichmentBatch');
  });

  it('skips orgkit check with --checks none; the preflight reports it skipped', async () => {
    const run = await deploy(REPO, ['--dry-run', '--role', 'source', '--checks', 'none', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { result: { status: string; preflight: { checks: { status: string } } } };
    expect(json.result).toMatchObject({ status: 'planned', preflight: { checks: { status: 'skipped' } } });
  });
});

describe('orgkit deploy: usage errors exit 2 and say what to do', () => {
  it.each([
    [['--checks', 'sdr,nope'], /unknown check nope/],
    [['--role', 'both'], /Allowed choices are source, target, all/],
    [['--role', 'target', '--test-level', 'RunSpecifiedTests'], /RunSpecifiedTests needs --tests/],
    [['--role', 'target', '--quick', 'nope'], /--quick nope is not a deploy id/],
    [[], /Say which part goes to this org: --role source/],
  ])('%j', async (args, message) => {
    const run = await deploy(REPO, [...args, ...login(mock.org('A'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('orgkit deploy to a mock org', () => {
  it('logs in by JWT, deploys over REST and exits 0 with --json', async () => {
    const a = mock.org('A');
    const run = await deploy(await project(), ['--role', 'target', '--rest', '--checks', 'sdr', '--json', ...(await jwtLogin(a))]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { result: { status: string; phases: { status: string; componentFailures: unknown[] }[] }; warnings: string[] };
    expect(json.result.status).toBe('succeeded');
    // @salesforce/core's warning about the http login URL reaches the envelope, not Node's stderr noise.
    expect(json.warnings).toEqual([expect.stringMatching(/^Using insecure protocol: http: on url: http:\/\/127\.0\.0\.1:\d+$/)]);
    expect(run.stderr).not.toMatch(/\(node:\d+\) Warning/);
    expect(a.metadata.components().map((c) => c.fullName)).toEqual(['Enricher']);
    // @salesforce/core saved that login under the username; the next deploy logs in again.
    const again = await deploy(await project(), ['--role', 'target', '--checks', 'none', '--dry-run', ...(await jwtLogin(a))]);
    expect(again.stderr).not.toContain('overwrite existing auth data');
    expect(again.code).toBe(0);
  });

  it('exits 1 with a failure table pointing at the broken file and line', async () => {
    const dir = await project(apexClass('Broken', 'public with sharing class Broken {\n    public static Integer size() {\n        return 1\n    }\n}\n'));
    const run = await deploy(dir, ['--role', 'target', '--checks', 'sdr', ...login(mock.org('A'))]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FILE\s+COMPONENT\s+PROBLEM\nforce-app\/main\/default\/classes\/Broken\.cls:\d+(:\d+)?\s+ApexClass Broken\s+\S/);
    expect(run.stdout).toContain('Deploy failed: nothing from it was committed');
  });

  it('exits 3 when Ctrl-C cancels the deploy in the org', async () => {
    const b = mock.org('B');
    const dir = await project();
    const child = spawn(process.execPath, [BIN, 'deploy', '--role', 'target', '--checks', 'sdr', ...login(b)], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env(), ORGKIT_DEPLOY_POLL_MS: '1500' } });
    let stdout = '';
    let signaled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const id = /deploy (0Af\w+) started/.exec(stdout)?.[1];
      if (!id || signaled) return;
      signaled = true;
      // Ctrl-C once the org has validated the package and is deploying it (the mock moves only when polled).
      const waitForInProgress = setInterval(() => {
        if (b.metadata.deployment(id)?.status !== 'InProgress') return;
        clearInterval(waitForInProgress);
        child.kill('SIGINT');
      }, 20);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stdout, stderr }).toMatchObject({ code: 3 });
    expect(stdout).toMatch(/Phase 1: Canceled/);
    expect(stdout).toContain('Canceled: nothing from it was committed.');
    expect(b.metadata.deployments().at(-1)?.status).toBe('Canceled');
  });
});
