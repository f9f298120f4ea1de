import path from 'node:path';
import { CHECK_DESCRIPTIONS, CHECK_NAMES, type CheckName } from '@orgkit/checks/catalog';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { printJson, reportFailure } from '../output.js';
import { renderOutcomeLine, renderReport } from '../render/checkReport.js';

export interface CheckCommandOptions {
  source?: string;
  checks?: CheckName[];
  json?: boolean;
  warnings?: boolean;
}

/** Runs the offline checks and prints the report; returns the exit code. Shared with `orgkit start`. */
export async function runCheckCommand(options: CheckCommandOptions): Promise<number> {
  const json = Boolean(options.json);
  try {
    // Loaded here, not at the top: PMD, SDR and prettier take seconds to import and other commands never need them.
    const { resolveCheckContext, runChecks } = await import('@orgkit/checks');
    const ctx = resolveCheckContext({ source: options.source });
    if (!json) process.stdout.write(`Checking ${path.relative(process.cwd(), ctx.sourceDir) || '.'} offline\n`);
    const report = await runChecks({
      ...ctx,
      only: options.checks,
      onCheckDone: json ? undefined : (outcome) => process.stdout.write(`${renderOutcomeLine(outcome)}\n`),
    });
    const status = report.ok ? EXIT.OK : report.checks.some((c) => c.status === 'not-run') ? EXIT.CANNOT_RUN : EXIT.FOUND_ERRORS;
    if (json) printJson(status, report);
    else process.stdout.write(`${renderReport(report, { showWarnings: Boolean(options.warnings) })}\n`);
    return status;
  } catch (err) {
    return reportFailure(err, json);
  }
}

function parseCheckList(value: string): CheckName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown check ${unknown.join(', ')}; choose from ${CHECK_NAMES.join(', ')}`);
  return names as CheckName[];
}

export function checkCommand(): Command {
  return new Command('check')
    .description('Verify a package directory offline: it would compile, pass PMD, deploy, and is formatted')
    .option('-d, --source <dir>', 'package directory to check (default: the default one in sfdx-project.json)')
    .addOption(new Option('-c, --checks <names>', `comma-separated checks to run: ${CHECK_NAMES.join(', ')}`).argParser(parseCheckList))
    .option('--warnings', 'list warnings as well as errors')
    .option('--json', 'format output as JSON')
    .addHelpText(
      'after',
      `
Checks:
${CHECK_NAMES.map((name) => `  ${name.padEnd(17)} ${CHECK_DESCRIPTIONS[name]}`).join('\n')}
${EXIT_CODES_HELP}`,
    )
    .action(async (options: CheckCommandOptions) => {
      process.exitCode = await runCheckCommand(options);
    });
}
