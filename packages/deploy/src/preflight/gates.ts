import type { CheckReport } from '@orgkit/checks';
import { apiMajor } from '../project.js';
import type { ApiVersionGate, ChecksGate, PreflightResult } from './preflightTypes.js';

/**
 * The check-findings gate over a full `orgkit check` report: findings outside the deployed files
 * belong to another role's org and do not count. Errors, or a check that could not run, refuse —
 * unless `force`, which lets the deploy go on with the findings still reported.
 */
export function checksGate(report: Pick<CheckReport, 'findings' | 'checks'>, files: ReadonlySet<string>, force: boolean): ChecksGate {
  const mine = report.findings.filter((f) => files.has(f.file));
  const errors = mine.filter((f) => f.severity === 'error');
  const warnings: ChecksGate['warnings'] = {};
  for (const f of mine.filter((x) => x.severity === 'warning')) warnings[f.check] = (warnings[f.check] ?? 0) + 1;
  const notRun = report.checks.filter((c) => c.status === 'not-run').map((c) => ({ name: c.name, ...(c.problem ? { problem: c.problem } : {}) }));
  if (errors.length === 0 && notRun.length === 0) return { status: 'passed', errors, warnings, notRun };
  const why = [errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'} in deployed files` : '', notRun.length > 0 ? `check${notRun.length === 1 ? '' : 's'} ${notRun.map((c) => c.name).join(', ')} could not run` : ''].filter(Boolean).join('; ');
  return force
    ? { status: 'forced', errors, warnings, notRun, reason: `${why}: deploying anyway (--force)` }
    : { status: 'refused', errors, warnings, notRun, reason: `${why}: fix them (orgkit check --source <dir>) or pass --force to deploy anyway` };
}

/** The org must know the project's API version: an older org would reject or misread the package. */
export function apiVersionGate(sourceApiVersion: string, orgMaxApiVersion: string): ApiVersionGate {
  if (apiMajor(orgMaxApiVersion) < apiMajor(sourceApiVersion)) {
    return { status: 'refused', sourceApiVersion, orgMaxApiVersion, reason: `the org's newest API version is ${orgMaxApiVersion}, older than sourceApiVersion ${sourceApiVersion} in sfdx-project.json: deploy to an org on a newer release, or lower sourceApiVersion` };
  }
  return { status: 'passed', sourceApiVersion, orgMaxApiVersion, reason: `org supports up to ${orgMaxApiVersion}` };
}

/** Every gate that refused, in order; the deploy goes on only when there is none. */
export function decidePreflight(gates: Omit<PreflightResult, 'ok' | 'refusals'>): PreflightResult {
  const refusals = [
    gates.checks.status === 'refused' ? `checks: ${gates.checks.reason}` : undefined,
    gates.lockout.status === 'refused' ? `SSO lockout: ${gates.lockout.reason}` : undefined,
    gates.apiVersion.status === 'refused' ? `API version: ${gates.apiVersion.reason}` : undefined,
  ].filter((r): r is string => r !== undefined);
  return { ...gates, ok: refusals.length === 0, refusals };
}
