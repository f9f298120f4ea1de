import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOrgkit } from './helpers/runOrgkit.js';

const BIN = fileURLToPath(new URL('../dist/bin/orgkit.js', import.meta.url));
/** The repo root: `npm start` runs the command from there, against force-app. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const STEP = (name: string) => new RegExp(`^  ✓ ${name} +\\d+\\.\\ds  `, 'm');

describe('orgkit start', () => {
  it('--once runs every sandbox step, prints a line each and the summary, and exits 0', async () => {
    const result = await runOrgkit(['start', '--once'], { cwd: ROOT });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    for (const step of ['start', 'deploy', 'seed', 'datacloud', 'saml-login']) expect(result.stdout).toMatch(STEP(step));
    expect(result.stdout).toMatch(/✓ datacloud .* (\d+) events from 6 panels .* holds \1 rows/);
    expect(result.stdout).toContain('schedule skipped on the mock org (it does not run Apex)');
    expect(result.stdout).toContain('✓ All 5 steps worked');
    // The orgs are http on loopback by design: core's insecure-protocol warning is not printed.
    expect(result.stderr).not.toMatch(/\(node:\d+\) Warning/);
    expect(result.stdout).toMatch(/^ {2}Org A {6}http:\/\/127\.0\.0\.1:\d+ {3}login: http:\/\/127\.0\.0\.1:\d+\/login$/m);
    expect(result.stdout).toMatch(/^Credentials \(local only/m);
    expect(result.stdout).toMatch(/^ {2}IdP user {5}\S+ \/ \S+ {2}\(→ \S+ in Org A\)$/m);
    expect(result.stdout).toContain('orgkit deploy --dry-run');
    const dataDir = /^Data in (\S+) \(removed when the sandbox stops\)\.$/m.exec(result.stdout)?.[1];
    expect(dataDir).toBeDefined();
    expect(existsSync(dataDir!)).toBe(false);
  });

  it('without --once serves until SIGINT, then stops everything and removes its temp folder', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
    const summary = await new Promise<{ status: number; result: { ok: boolean; dataDir: string; urls: { orgA: { loginUrl: string } } } }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        try {
          resolve(JSON.parse(out));
        } catch {
          // not all of it yet
        }
      });
      child.on('exit', () => reject(new Error(`exited before printing the summary: ${out}`)));
    });
    expect(summary).toMatchObject({ status: 0, result: { ok: true } });
    expect((await fetch(summary.result.urls.orgA.loginUrl)).status).toBe(200);
    expect(existsSync(summary.result.dataDir)).toBe(true);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain(`Stopped: the orgs, the tenant and the IdP are down; ${summary.result.dataDir} removed.`);
    expect(existsSync(summary.result.dataDir)).toBe(false);
    expect(await fetch(summary.result.urls.orgA.loginUrl).then(() => 'answered', () => 'refused')).toBe('refused');
  });

  it('refuses a --data-dir that is not a folder, with what to do, and exit 2', async () => {
    const result = await runOrgkit(['start', '--once', '--data-dir', 'package.json'], { cwd: ROOT });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error \(SANDBOX_DATA_DIR_UNUSABLE\): --data-dir package\.json cannot be used \(\w+\)\. Pass a folder you can write to\.$/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
