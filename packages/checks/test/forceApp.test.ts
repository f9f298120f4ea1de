import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCheckContext, runChecks } from '../src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe("the repo's own force-app", () => {
  it('passes every check with zero errors', async () => {
    const ctx = resolveCheckContext({ cwd: REPO_ROOT });
    expect(ctx.sourceDir).toBe(path.join(REPO_ROOT, 'force-app'));
    const report = await runChecks(ctx);
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
