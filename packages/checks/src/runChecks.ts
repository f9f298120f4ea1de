import { apexSemanticCheck } from './checks/apexSemantic.js';
import { fieldReferencesCheck } from './checks/fieldReferences.js';
import { formattingCheck } from './checks/formatting.js';
import { metadataSchemaCheck } from './checks/metadataSchema.js';
import { pmdCheck } from './checks/pmd.js';
import { sdrCheck } from './checks/sdrResolution.js';
import { CHECK_NAMES, CheckSetupError, type Check, type CheckContext, type CheckName, type Finding } from './types.js';

export const ALL_CHECKS: readonly Check[] = [
  sdrCheck,
  metadataSchemaCheck,
  apexSemanticCheck,
  pmdCheck,
  fieldReferencesCheck,
  formattingCheck,
];

/** How one check went: `failed` = it ran and found errors; `not-run` = it could not run at all. */
export interface CheckOutcome {
  name: CheckName;
  description: string;
  status: 'passed' | 'failed' | 'not-run';
  errors: number;
  warnings: number;
  durationMs: number;
  /** Why the check could not run, and what to do (status `not-run`). */
  problem?: { code: string; message: string };
}

export interface CheckReport {
  projectDir: string;
  sourceDir: string;
  checks: CheckOutcome[];
  findings: Finding[];
  errors: number;
  warnings: number;
  /** True when every selected check ran and none found an error. */
  ok: boolean;
}

export interface RunChecksOptions extends CheckContext {
  /** The checks to run; all of them when absent. */
  only?: readonly CheckName[];
  /** Called as each check finishes, for progress output. */
  onCheckDone?: (outcome: CheckOutcome) => void;
}

function byLocation(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

async function runOne(check: Check, ctx: CheckContext): Promise<{ outcome: CheckOutcome; findings: Finding[] }> {
  const started = performance.now();
  let findings: Finding[] = [];
  let problem: CheckOutcome['problem'];
  try {
    findings = await check.run(ctx);
  } catch (err) {
    // A check that cannot run must not stop the others, and must not pass silently.
    problem =
      err instanceof CheckSetupError
        ? { code: err.code, message: err.message }
        : { code: 'CHECK_CRASHED', message: `The ${check.name} check stopped unexpectedly: ${(err as Error)?.message ?? String(err)}` };
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const outcome: CheckOutcome = {
    name: check.name,
    description: check.description,
    status: problem ? 'not-run' : errors > 0 ? 'failed' : 'passed',
    errors,
    warnings: findings.length - errors,
    durationMs: Math.round(performance.now() - started),
    ...(problem ? { problem } : {}),
  };
  return { outcome, findings };
}

/**
 * Runs the selected checks on one package directory. The checks run concurrently (the two
 * JVM-based ones dominate, and the others finish while they start); outcomes come back in
 * CHECK_NAMES order whatever order they finished in.
 */
export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
  const ctx: CheckContext = { projectDir: options.projectDir, sourceDir: options.sourceDir };
  const selected = ALL_CHECKS.filter((c) => !options.only || options.only.includes(c.name));
  const results = await Promise.all(
    selected.map(async (check) => {
      const result = await runOne(check, ctx);
      options.onCheckDone?.(result.outcome);
      return result;
    }),
  );
  results.sort((a, b) => CHECK_NAMES.indexOf(a.outcome.name) - CHECK_NAMES.indexOf(b.outcome.name));
  const findings = results.flatMap((r) => r.findings).sort(byLocation);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ...ctx,
    checks: results.map((r) => r.outcome),
    findings,
    errors,
    warnings: findings.length - errors,
    ok: errors === 0 && results.every((r) => r.outcome.status !== 'not-run'),
  };
}
