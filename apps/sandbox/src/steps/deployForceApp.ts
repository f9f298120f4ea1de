import type { CoreAuth } from '@orgkit/org-auth';
import type { DeployOutcome, PostDeployStep } from '@orgkit/deploy';
import { StepFailure } from '../stepFailure.js';

/** Only the checks that take a second: `npm test` runs all of them (apex-ls and PMD start JVMs). */
export const FAST_CHECKS = ['sdr', 'metadata-schema', 'field-references'] as const;

/** The one post-deploy failure the mock org causes by design: it parses Apex but never runs it. */
const MOCK_RUNS_NO_APEX = 'The mock org does not execute Apex';

/** The sandbox's orgs speak http on loopback by design; core's warning about that says nothing new. */
const LOOPBACK_HTTP = /^Using insecure protocol: http: on url: http:\/\/127\.0\.0\.1:\d+$/;

export interface RoleDeploy {
  role: 'source' | 'target';
  org: string;
  /** sourceApiVersion, which the deploy pinned its connection to. */
  apiVersion: string;
  components: number;
  phases: number;
  postDeploy: PostDeployStep[];
  /** Post-deploy steps that need Apex to run: the mock can't, so they are reported, not failed. */
  skippedOnMock: PostDeployStep[];
  /** What @salesforce/core warned about, except the loopback http the sandbox chose. */
  warnings: string[];
}

const describeOutcome = (outcome: DeployOutcome): string => {
  const failures = outcome.phases.flatMap((p) => p.componentFailures);
  const shown = failures.slice(0, 3).map((f) => `${f.file ?? `${f.type}:${f.fullName}`}${f.line ? `:${f.line}` : ''} ${f.problem}`);
  const more = failures.length > shown.length ? [`and ${failures.length - shown.length} more`] : [];
  const whole = outcome.phases.flatMap((p) => (p.errorMessage ? [p.errorMessage] : []));
  return [...(outcome.preflight?.refusals ?? []), ...whole, ...shown, ...more].join('; ') || `the org answered ${outcome.status}`;
};

/**
 * One role's deploy through @orgkit/deploy, as `orgkit deploy --role <role>` runs it: plan, the
 * fast preflight checks, SDR deploy over SOAP, then the role's post-deploy steps.
 */
export async function deployRole(options: { role: 'source' | 'target'; orgName: string; auth: CoreAuth; projectDir?: string; sourceDir?: string }): Promise<RoleDeploy> {
  // Loaded on use: SDR and @salesforce/core must see the sandbox's HOME, set just before.
  const { deployOrg } = await import('@orgkit/deploy');
  const outcome = await deployOrg({
    role: options.role,
    auth: options.auth,
    checks: [...FAST_CHECKS],
    pollMs: 50,
    ...(options.projectDir ? { cwd: options.projectDir } : {}),
    ...(options.sourceDir ? { source: options.sourceDir } : {}),
  });
  const where = `${options.role} role to Org ${options.orgName}`;
  if (outcome.status !== 'succeeded') throw new StepFailure(`the ${where} ${outcome.status}: ${describeOutcome(outcome)}`);
  const skippedOnMock = outcome.postDeploy.filter((s) => s.status === 'failed' && s.step === 'schedule' && s.reason.includes(MOCK_RUNS_NO_APEX));
  const failed = outcome.postDeploy.filter((s) => s.status === 'failed' && !skippedOnMock.includes(s));
  if (failed.length > 0) throw new StepFailure(`post-deploy of the ${where} failed: ${failed.map((s) => `${s.step} ${s.subject}: ${s.reason}`).join('; ')}`);
  return {
    role: options.role,
    org: options.orgName,
    apiVersion: outcome.plan.apiVersion,
    components: outcome.phases.reduce((n, p) => n + p.components.deployed, 0),
    phases: outcome.phases.length,
    postDeploy: outcome.postDeploy,
    skippedOnMock,
    warnings: outcome.warnings.filter((w) => !LOOPBACK_HTTP.test(w)),
  };
}
