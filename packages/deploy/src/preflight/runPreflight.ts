import type { CheckName, CheckReport } from '@orgkit/checks';
import type { Connection } from '@salesforce/core';
import type { ResolvedPlan } from '../plan/deployPlan.js';
import { apiVersionGate, checksGate, decidePreflight } from './gates.js';
import type { ApiVersionGate, ChecksGate, LockoutGate, PreflightResult } from './preflightTypes.js';

export interface PreflightOptions {
  /** A connection to the org the deploy goes to; without one the org gates are skipped (dry run). */
  conn?: Connection;
  /** Lets the deploy go on despite check findings; never skips the lockout check. */
  force?: boolean;
  /** Which `orgkit check` checks to run; 'none' skips the check gate (reported as skipped). Default: all. */
  checks?: readonly CheckName[] | 'none';
  onStep?: (step: string) => void;
}

async function runCheckGate(resolved: ResolvedPlan, options: PreflightOptions): Promise<ChecksGate> {
  if (options.checks === 'none') return { status: 'skipped', errors: [], warnings: {}, notRun: [], reason: 'checks not requested' };
  // Loaded on use: PMD, SDR and prettier take seconds to import.
  const { runChecks } = await import('@orgkit/checks');
  const report: CheckReport = await runChecks({ projectDir: resolved.plan.projectDir, sourceDir: resolved.plan.sourceDir, ...(options.checks ? { only: options.checks } : {}) });
  return checksGate(report, resolved.files, Boolean(options.force));
}

async function runLockoutGate(resolved: ResolvedPlan, conn: Connection | undefined): Promise<LockoutGate> {
  const touching = resolved.plan.ssoComponents.map((c) => `${c.type}:${c.fullName}`);
  if (touching.length === 0) return { status: 'skipped', reason: 'the set has no SSO component' };
  if (!conn) return { status: 'skipped', reason: `needs the org (the set has ${touching.join(', ')})` };
  const { assertBreakGlassAdmin, orgConnection, SsoCheckError } = await import('@orgkit/sso');
  try {
    const admins = await assertBreakGlassAdmin(orgConnection({ accessToken: conn.accessToken ?? '', instanceUrl: conn.instanceUrl }));
    return { status: 'passed', breakGlassAdmins: admins, reason: `${admins.length} System Administrator${admins.length === 1 ? '' : 's'} keep a password login (${admins.join(', ')})` };
  } catch (err) {
    if (err instanceof SsoCheckError) return { status: 'refused', reason: `${err.message} The set has ${touching.join(', ')}.` };
    // Could not tell: deploying SSO blind is exactly how admins get locked out.
    return { status: 'refused', reason: `could not verify a break-glass admin (${(err as Error).message}); the set has ${touching.join(', ')}` };
  }
}

/**
 * The newest API version the org serves, asked of the org itself: core's retrieveMaxApiVersion
 * may answer from the version a saved login cached, possibly for an org since refreshed or
 * replaced under the same username.
 */
async function orgMaxApiVersion(conn: Connection): Promise<string> {
  const versions = await conn.request<{ version: string }[]>(`${conn.instanceUrl}/services/data`);
  if (!Array.isArray(versions) || versions.length === 0) throw new Error('the org listed no API versions');
  return versions.map((v) => v.version).reduce((a, b) => (Number(b) > Number(a) ? b : a));
}

async function runApiVersionGate(resolved: ResolvedPlan, conn: Connection | undefined): Promise<ApiVersionGate> {
  const source = resolved.plan.apiVersion;
  if (!conn) return { status: 'skipped', sourceApiVersion: source, reason: 'needs the org' };
  try {
    return apiVersionGate(source, await orgMaxApiVersion(conn));
  } catch (err) {
    return { status: 'refused', sourceApiVersion: source, reason: `could not read the org's API versions from ${conn.instanceUrl}/services/data (${(err as Error).message})` };
  }
}

/** Everything checked before a byte is sent: checks on the set, the SSO lockout, the API version. */
export async function runPreflight(resolved: ResolvedPlan, options: PreflightOptions = {}): Promise<PreflightResult> {
  options.onStep?.('checks');
  const checks = await runCheckGate(resolved, options);
  options.onStep?.('sso-lockout');
  const lockout = await runLockoutGate(resolved, options.conn);
  options.onStep?.('api-version');
  const apiVersion = await runApiVersionGate(resolved, options.conn);
  return decidePreflight({ checks, lockout, apiVersion });
}
