import path from 'node:path';
import type { CheckOutcome, CheckReport, Finding } from '@orgkit/checks';
import { paint } from '../output.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** One line as a check finishes: a person sees progress while the JVM-based checks run. */
export function renderOutcomeLine(outcome: CheckOutcome): string {
  const mark =
    outcome.status === 'passed' ? paint('green', '✓') : outcome.status === 'failed' ? paint('red', '✗') : paint('yellow', '!');
  const counts =
    outcome.status === 'not-run'
      ? paint('yellow', 'could not run')
      : [outcome.errors && `${outcome.errors} error${outcome.errors === 1 ? '' : 's'}`, outcome.warnings && `${outcome.warnings} warning${outcome.warnings === 1 ? '' : 's'}`]
          .filter(Boolean)
          .join(', ');
  return `  ${mark} ${outcome.name.padEnd(17)} ${seconds(outcome.durationMs).padStart(6)}  ${counts}`;
}

/** `file:line:col` as editors and terminals make clickable. */
function location(finding: Finding): string {
  return [finding.file, finding.line, finding.line && finding.column].filter(Boolean).join(':');
}

function renderFinding(finding: Finding): string {
  const severity = finding.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning');
  const source = finding.rule ? `${finding.check}/${finding.rule}` : finding.check;
  return `${location(finding)}\n  ${severity} ${finding.message} ${paint('dim', `[${source}]`)}`;
}

/** Everything after the progress lines: findings, checks that could not run, a summary. */
export function renderReport(report: CheckReport, options: { showWarnings: boolean }): string {
  const lines: string[] = [];
  const shown = report.findings.filter((f) => options.showWarnings || f.severity === 'error');
  if (shown.length > 0) lines.push('', ...shown.map(renderFinding));
  for (const check of report.checks.filter((c) => c.status === 'not-run')) {
    lines.push('', `${paint('yellow', `${check.name} could not run`)} (${check.problem?.code}): ${check.problem?.message}`);
  }
  const hiddenWarnings = report.warnings - shown.filter((f) => f.severity === 'warning').length;
  const source = path.relative(process.cwd(), report.sourceDir) || '.';
  const notRun = report.checks.filter((c) => c.status === 'not-run').length;
  const summary = [
    notRun > 0 && `${notRun} check${notRun === 1 ? '' : 's'} could not run`,
    `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'} in ${source}`,
  ]
    .filter(Boolean)
    .join('; ');
  lines.push('', report.ok ? paint('green', `✓ ${summary}`) : paint('red', `✗ ${summary}`));
  if (hiddenWarnings > 0) lines.push(paint('dim', `  (${hiddenWarnings} warnings hidden; --warnings shows them)`));
  return lines.join('\n');
}
