import type { CheckName } from '@orgkit/checks';
import type { CoreAuth } from '@orgkit/org-auth';
import type { Connection } from '@salesforce/core';
import { DeployError } from './deployError.js';
import { connectOrg } from './org/connectOrg.js';
import { hearCoreWarnings } from './org/coreWarnings.js';
import { resolvePlan, type DeployPlan, type PlanOptions } from './plan/deployPlan.js';
import type { PostDeployStep } from './postDeploy/postDeployStep.js';
import { runPostDeploy } from './postDeploy/runPostDeploy.js';
import type { PreflightResult } from './preflight/preflightTypes.js';
import { runPreflight } from './preflight/runPreflight.js';
import { activateDuplicateRules, type MatchingRuleWait } from './run/activateDuplicateRules.js';
import { validateSendOptions, type SendOptions } from './run/deployOptions.js';
import { phaseReport, type PhaseReport } from './run/deployReport.js';
import { sendComponentSet, type DeployProgress } from './run/sendComponentSet.js';

export type DeployEvent =
  | { kind: 'plan'; plan: DeployPlan }
  | { kind: 'preflight-step'; step: string }
  | { kind: 'preflight'; preflight: PreflightResult }
  | { kind: 'phase-started'; phase: 1 | 2; id: string }
  | { kind: 'progress'; progress: DeployProgress }
  /** Phase 2 starts by waiting (up to matchingRuleWaitMinutes) for these matching rules to be Active. */
  | { kind: 'matching-rules-waiting'; names: string[] }
  | { kind: 'matching-rules'; wait: MatchingRuleWait }
  | { kind: 'phase-done'; report: PhaseReport }
  | { kind: 'post-deploy'; step: PostDeployStep }
  /** Something @salesforce/core warned about (an http login URL…): shown, not fatal. */
  | { kind: 'warning'; message: string };

export interface DeployOrgOptions extends PlanOptions, SendOptions {
  /** How to log in (org-auth's CoreAuth); or pass `conn`. */
  auth?: CoreAuth;
  /** An existing @salesforce/core connection (its API version is set to sourceApiVersion). */
  conn?: Connection;
  /** Print the plan (and, with an org, run the preflight); send nothing. */
  dryRun?: boolean;
  /** Deploy despite check findings. Never skips the SSO lockout check or the API version check. */
  force?: boolean;
  /** `orgkit check` checks to run on the set; 'none' skips them. Default: all. */
  checks?: readonly CheckName[] | 'none';
  /** Skip the post-deploy steps. */
  skipPostDeploy?: boolean;
  /** How long phase 2 waits for matching rules to turn Active (default 10 minutes). */
  matchingRuleWaitMinutes?: number;
  /** Abort = cancel the running deploy in the org and wait for Canceled. */
  signal?: AbortSignal;
  onEvent?: (event: DeployEvent) => void;
}

/**
 * How the run ended: `planned` (dry run, the preflight did not refuse), `succeeded`, `failed`
 * (the org rejected a phase), `refused` (preflight), `canceled`.
 */
export type DeployOutcomeStatus = 'planned' | 'succeeded' | 'failed' | 'refused' | 'canceled';

export interface DeployOutcome {
  status: DeployOutcomeStatus;
  plan: DeployPlan;
  preflight?: PreflightResult;
  phases: PhaseReport[];
  /** Phase 2's wait for the matching rules, when it ran. */
  matchingRules?: MatchingRuleWait;
  postDeploy: PostDeployStep[];
  /** With checkOnly: the id to pass to `--quick` when the validation succeeded. */
  validationId?: string;
  /** What @salesforce/core warned about while logging in and deploying. */
  warnings: string[];
}

const finished = (report: PhaseReport): DeployOutcomeStatus => (report.status === 'Canceled' ? 'canceled' : report.success && report.status === 'Succeeded' ? 'succeeded' : 'failed');

/**
 * Plans, preflights and deploys one role's component set to one org: phase 1 (or a quick deploy
 * of a validation), phase 2 when a committed-inactive duplicate rule needs activating, then the
 * target role's post-deploy steps. Never throws for an org's verdict — that is the outcome; throws
 * DeployError/OrgAuthError when the deploy cannot start or its status is lost.
 */
export async function deployOrg(options: DeployOrgOptions): Promise<DeployOutcome> {
  validateSendOptions(options);
  const resolved = resolvePlan(options);
  const { plan } = resolved;
  const emit = options.onEvent ?? (() => {});
  emit({ kind: 'plan', plan });
  if (!options.dryRun && !options.auth && !options.conn) throw new DeployError('ORG_REQUIRED', 'A deploy needs an org: pass --target-org (or the JWT or access-token flags), or use --dry-run to see the plan.');
  const warnings: string[] = [];
  const stopHearing = hearCoreWarnings((message) => {
    warnings.push(message);
    emit({ kind: 'warning', message });
  });
  let session: { conn: Connection; close(): Promise<void> } | undefined;
  try {
    session = options.conn ? { conn: options.conn, close: async () => {} } : options.auth ? await connectOrg(options.auth, plan.apiVersion) : undefined;
    const conn = session?.conn;
    conn?.setApiVersion(plan.apiVersion);
    const preflight = await runPreflight(resolved, { ...(conn ? { conn } : {}), force: Boolean(options.force), ...(options.checks ? { checks: options.checks } : {}), onStep: (step) => emit({ kind: 'preflight-step', step }) });
    emit({ kind: 'preflight', preflight });
    const outcome: DeployOutcome = { status: 'planned', plan, preflight, phases: [], postDeploy: [], warnings };
    if (!preflight.ok) return { ...outcome, status: 'refused' };
    if (options.dryRun || !conn) return outcome;
    if (options.signal?.aborted) return { ...outcome, status: 'canceled' };

    const send = { conn, apiVersion: plan.apiVersion, rest: Boolean(options.rest), ...(options.pollMs ? { pollMs: options.pollMs } : {}), ...(options.waitMinutes ? { waitMinutes: options.waitMinutes } : {}), ...(options.signal ? { signal: options.signal } : {}), onProgress: (progress: DeployProgress) => emit({ kind: 'progress', progress }) };
    const phase1 = phaseReport(
      1,
      await sendComponentSet({ ...send, phase: 1, components: resolved.sourceComponents, checkOnly: Boolean(options.checkOnly), ...(options.testLevel ? { testLevel: options.testLevel } : {}), ...(options.tests ? { tests: options.tests } : {}), ...(options.quick ? { quick: options.quick } : {}), onStarted: (id) => emit({ kind: 'phase-started', phase: 1, id }) }),
      plan.projectDir,
    );
    emit({ kind: 'phase-done', report: phase1 });
    outcome.phases.push(phase1);
    outcome.status = finished(phase1);
    if (outcome.status === 'succeeded' && options.checkOnly) outcome.validationId = phase1.id;
    if (outcome.status !== 'succeeded' || options.checkOnly) return outcome;
    // Ctrl-C that came too late to cancel phase 1 still stops what follows it.
    if (options.signal?.aborted) return { ...outcome, status: 'canceled' };

    if (plan.duplicateRuleActivations.length > 0) {
      const two = await activateDuplicateRules({ ...send, activations: plan.duplicateRuleActivations, projectDir: plan.projectDir, ...(options.matchingRuleWaitMinutes ? { matchingRuleWaitMinutes: options.matchingRuleWaitMinutes } : {}), onWaiting: (names) => emit({ kind: 'matching-rules-waiting', names }), onStarted: (id) => emit({ kind: 'phase-started', phase: 2, id }) });
      outcome.matchingRules = two.wait;
      emit({ kind: 'matching-rules', wait: two.wait });
      if (!two.report) return { ...outcome, status: 'failed' };
      emit({ kind: 'phase-done', report: two.report });
      outcome.phases.push(two.report);
      outcome.status = finished(two.report);
      if (outcome.status !== 'succeeded') return outcome;
      if (options.signal?.aborted) return { ...outcome, status: 'canceled' };
    }
    if (!options.skipPostDeploy) outcome.postDeploy = await runPostDeploy(conn, plan.postDeploy, (step) => emit({ kind: 'post-deploy', step }));
    return outcome;
  } finally {
    stopHearing();
    await session?.close();
  }
}
