import type { DeployEvent, DeployOutcome, DeployProgress, PhaseReport, PostDeployStep, PreflightResult } from '@orgkit/deploy';
import { paint } from '../output.js';
import { renderDeployPlan } from './deployPlan.js';

/** The line redrawn while a deploy is polled. */
export function renderDeployProgress(p: DeployProgress): string {
  const tests = p.testsTotal > 0 ? ` · tests ${p.testsDone}/${p.testsTotal}${p.testErrors ? ` (${p.testErrors} failed)` : ''}` : '';
  return `Phase ${p.phase} ${p.id} ${p.status} · components ${p.componentsDone}/${p.componentsTotal}${p.componentErrors ? ` (${p.componentErrors} failed)` : ''}${tests}`;
}

const MARK = { passed: () => paint('green', 'ok     '), refused: () => paint('red', 'refused'), skipped: () => paint('dim', 'skipped'), forced: () => paint('yellow', 'forced ') };

export function renderPreflight(p: PreflightResult): string {
  const warnings = Object.entries(p.checks.warnings).map(([check, n]) => `${n} ${check}`).join(', ');
  const checkLine = p.checks.reason ?? (p.checks.status === 'passed' ? `no errors in deployed files${warnings ? `; warnings: ${warnings}` : ''}` : '');
  const lines = [paint('bold', 'Preflight'), `  ${MARK[p.checks.status]()}  checks       ${checkLine}`];
  for (const f of p.checks.errors.slice(0, 20)) lines.push(`             ${f.file}${f.line ? `:${f.line}` : ''}  ${f.message} (${f.check})`);
  if (p.checks.errors.length > 20) lines.push(`             … ${p.checks.errors.length - 20} more (orgkit check --source <dir>)`);
  for (const c of p.checks.notRun) lines.push(`             ${c.name} not run: ${c.problem?.message ?? 'unknown reason'}`);
  lines.push(`  ${MARK[p.lockout.status]()}  SSO lockout  ${p.lockout.reason}`, `  ${MARK[p.apiVersion.status]()}  API version  ${p.apiVersion.reason}`);
  return lines.join('\n');
}

/** Component failures as a table a person can jump from: file:line:column, component, problem. */
export function renderFailureTable(report: PhaseReport): string {
  const rows = report.componentFailures.map((f) => [`${f.file ?? '(no local file)'}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}`, `${f.type} ${f.fullName}`, f.problem]);
  const w0 = Math.max(4, ...rows.map((r) => r[0]!.length));
  const w1 = Math.max(9, ...rows.map((r) => r[1]!.length));
  return [`${'FILE'.padEnd(w0)}  ${'COMPONENT'.padEnd(w1)}  PROBLEM`, ...rows.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`)].join('\n');
}

function renderPhase(r: PhaseReport): string[] {
  const verdict = r.status === 'Succeeded' ? paint('green', r.status) : r.status === 'Canceled' ? paint('yellow', r.status) : paint('red', r.status);
  const lines = [paint('bold', `Phase ${r.phase}${r.checkOnly ? ' (validation)' : ''}: ${verdict}`) + `  id ${r.id} · components ${r.components.deployed}/${r.components.total}, ${r.components.errors} failed · tests ${r.tests.completed}/${r.tests.total}, ${r.tests.errors} failed`];
  if (r.errorMessage) lines.push(`  ${r.errorMessage}`);
  if (r.cancel?.error) lines.push(paint('yellow', `  The org did not cancel it: ${r.cancel.error}`));
  if (r.componentFailures.length > 0) lines.push('', renderFailureTable(r));
  if (r.testFailures.length > 0) lines.push('', 'Test failures:', ...r.testFailures.map((t) => `  ${t.className}.${t.methodName}: ${t.message}${t.stackTrace ? `\n    ${t.stackTrace.split('\n').join('\n    ')}` : ''}`));
  if (r.coverage.length > 0) lines.push('', 'Coverage:', ...r.coverage.map((c) => `  ${String(c.percent).padStart(3)}%  ${c.className} (${c.linesTotal - c.linesNotCovered}/${c.linesTotal} lines)`));
  if (r.coverageWarnings.length > 0) lines.push('', ...r.coverageWarnings.map((w) => paint('yellow', `  ${w}`)));
  return lines;
}

const STEP_MARK: Record<PostDeployStep['status'], () => string> = { done: () => paint('green', 'done   '), skipped: () => paint('dim', 'skipped'), failed: () => paint('red', 'failed ') };

/** The one-line verdict that ends a deploy's report. */
function renderVerdict(outcome: DeployOutcome): string {
  const verdicts: Record<DeployOutcome['status'], string> = {
    planned: 'Dry run: nothing was sent.',
    succeeded: outcome.validationId ? `Validated. Quick deploy it with: orgkit deploy --quick ${outcome.validationId} (same --role and login)` : 'Deployed.',
    failed: outcome.phases[0]?.success && outcome.phases.length + (outcome.matchingRules ? 0 : 1) > 1 ? 'Phase 1 is deployed; phase 2 (activating the duplicate rule) did not finish: activate it by hand (docs/leads.md) or deploy again.' : 'Deploy failed: nothing from it was committed (rollbackOnError).',
    refused: `Refused before sending anything:\n${outcome.preflight?.refusals.map((r) => `  ${r}`).join('\n') ?? ''}`,
    canceled: outcome.phases.some((p) => p.success) ? 'Canceled after a phase was deployed: what follows it (phase 2, post-deploy steps) did not run.' : 'Canceled: nothing from it was committed.',
  };
  return verdicts[outcome.status];
}

export interface DeployReporter {
  event(event: DeployEvent): void;
  /** Ends the report with the verdict. */
  finish(outcome: DeployOutcome): void;
}

/**
 * The deploy report as it happens, so a ten-minute deploy shows its preflight verdict before
 * anything is sent and each phase when it ends: the plan, the preflight, each phase with its
 * failure table, tests and coverage, the matching-rule wait between the phases, post-deploy
 * steps, then the verdict. Polling and waiting redraw `progress`; warnings go to `warn`.
 */
export function createDeployReporter(out: (text: string) => void, warn: (text: string) => void, progress: { update(line: string): void; clear(): void }): DeployReporter {
  let afterDeployShown = false;
  const section = (text: string): void => {
    progress.clear();
    out(`${text}\n\n`);
  };
  return {
    event(event) {
      switch (event.kind) {
        case 'plan':
          return section(renderDeployPlan(event.plan));
        case 'preflight-step':
          return progress.update(`Preflight: ${event.step}…`);
        case 'preflight':
          return section(renderPreflight(event.preflight));
        case 'phase-started':
          progress.clear();
          return out(`Phase ${event.phase}: deploy ${event.id} started\n`);
        case 'progress':
          return progress.update(renderDeployProgress(event.progress));
        case 'phase-done':
          return section(renderPhase(event.report).join('\n'));
        case 'matching-rules-waiting':
          return progress.update(`Phase 2: waiting for matching rule${event.names.length === 1 ? '' : 's'} ${event.names.join(', ')} to be Active…`);
        case 'matching-rules':
          return event.wait.state === 'active' ? progress.clear() : section(paint('yellow', `Phase 2: ${event.wait.detail}`));
        case 'post-deploy':
          progress.clear();
          if (!afterDeployShown) out(`${paint('bold', 'After deploy')}\n`);
          afterDeployShown = true;
          return out(`  ${STEP_MARK[event.step.status]()}  ${event.step.subject}: ${event.step.reason}\n`);
        case 'warning':
          progress.clear();
          return warn(`Warning: ${event.message}\n`);
      }
    },
    finish(outcome) {
      progress.clear();
      out(`${afterDeployShown ? '\n' : ''}${renderVerdict(outcome)}\n`);
    },
  };
}
