import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from './helpers/paths.js';

interface Step {
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[]; strategy?: { matrix: { include: { role: string }[] } } }>;
}

const workflow = (name: string): Workflow => parse(readFileSync(`${REPO}.github/workflows/${name}`, 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;

describe('the CI workflows', () => {
  it('ci.yml installs from the lock file and runs npm test', () => {
    const runs = workflow('ci.yml').jobs.test!.steps.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(['npm ci', 'npm test']);
  });

  it('deploy-validate.yml validates both roles against sandboxes by JWT, without leaving the key behind', () => {
    const job = workflow('deploy-validate.yml').jobs.validate!;
    expect(job.strategy!.matrix.include.map((m) => m.role)).toEqual(['target', 'source']);
    expect(job.env).toMatchObject({ ORGKIT_LOGIN_URL: 'https://test.salesforce.com', ORGKIT_JWT_KEY_FILE: '${{ runner.temp }}/sf-jwt.key' });
    const runs = job.steps.map((s) => s.run ?? '');
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
    const keyStep = job.steps.find((s) => s.run?.includes('SF_JWT_KEY'))!;
    expect(keyStep.env).toEqual({ SF_JWT_KEY: '${{ secrets.SF_JWT_KEY }}' });
    expect(keyStep.run).toContain('umask 077');
    const validate = runs.find((r) => r.includes('orgkit.js deploy'))!;
    expect(validate).toMatch(/--role \$\{\{ matrix\.role \}\} --check-only/);
    expect(validate).toContain('--test-level RunLocalTests');
    const cleanup = job.steps.at(-1)!;
    expect(cleanup).toMatchObject({ if: 'always()', run: 'rm -f "$ORGKIT_JWT_KEY_FILE"' });
  });
});
