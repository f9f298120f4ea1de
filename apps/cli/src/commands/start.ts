import type { SandboxSummary, StepReport } from '@orgkit/sandbox';
import { Command } from 'commander';
import { EXIT } from '../exitCodes.js';
import { paint, printJson, reportFailure } from '../output.js';

interface StartOptions {
  once?: boolean;
  dataDir?: string;
  json?: boolean;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** One line as a step ends, so a person sees the sandbox come up. */
function stepLine(step: StepReport): string {
  const mark = step.status === 'ok' ? paint('green', '✓') : paint('red', '✗');
  return `  ${mark} ${step.name.padEnd(10)} ${seconds(step.durationMs).padStart(6)}  ${step.status === 'ok' ? step.detail : paint('red', step.detail)}\n`;
}

function renderSummary(summary: SandboxSummary, once: boolean): string {
  const lines: string[] = [''];
  const total = summary.steps.reduce((ms, s) => ms + s.durationMs, 0);
  if (summary.failed) lines.push(paint('red', `✗ The sandbox stopped at "${summary.failed.name}": ${summary.failed.detail}`));
  else lines.push(paint('green', `✓ All ${summary.steps.length} steps worked in ${seconds(total)}.`));
  const { urls, credentials } = summary;
  if (urls && !summary.failed) {
    lines.push('', 'URLs', `  Org A      ${urls.orgA.instanceUrl}   login: ${urls.orgA.loginUrl}`, `  Org B      ${urls.orgB.instanceUrl}   login: ${urls.orgB.loginUrl}`, `  Data Cloud ${urls.dataCloudTenant}`, `  IdP        ${urls.idp.url}   metadata: ${urls.idp.metadataUrl}`);
  }
  if (credentials && !summary.failed) {
    lines.push(
      '',
      `Credentials ${paint('yellow', '(local only: random for this run, gone when it stops)')}`,
      `  Org A admin  ${credentials.orgAAdmin.username} / ${credentials.orgAAdmin.password}`,
      `  Org B admin  ${credentials.orgBAdmin.username} / ${credentials.orgBAdmin.password}`,
      `  IdP user     ${credentials.idpUser.username} / ${credentials.idpUser.password}  (→ ${credentials.idpUser.orgUsername} in Org A)`,
    );
  }
  if (summary.notes.length > 0) lines.push('', 'Notes', ...summary.notes.map((n) => `  - ${n}`));
  if (!summary.failed) {
    lines.push('', 'Try next', ...summary.next.map((n) => `  - ${n}`));
    if (once) lines.push('', '--once: everything has stopped again; `npm start` keeps it serving so you can try the above.');
  }
  lines.push('', summary.dataDirKept ? `Data kept in ${summary.dataDir}.` : `Data in ${summary.dataDir} (removed when the sandbox stops).`);
  return `${lines.join('\n')}\n`;
}

async function start(options: StartOptions): Promise<void> {
  const json = Boolean(options.json);
  const once = Boolean(options.once);
  try {
    // Loaded on use: the mock orgs, SDR and @salesforce/core would slow every other command's start.
    const { runSandbox } = await import('@orgkit/sandbox');
    if (!json) process.stdout.write('orgkit sandbox: mock Org A and Org B, a Data Cloud tenant and an IdP on 127.0.0.1\n');
    const run = await runSandbox({ once, ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(json ? {} : { onStep: (step) => process.stdout.write(stepLine(step)) }) });
    const status = run.summary.ok ? EXIT.OK : EXIT.FOUND_ERRORS;
    if (!once && run.summary.ok) {
      // Handlers first: a script that reads the summary may send SIGINT at once.
      const stop = async (): Promise<void> => {
        await run.close();
        process.stderr.write(`\nStopped: the orgs, the tenant and the IdP are down; ${run.summary.dataDirKept ? `data kept in ${run.summary.dataDir}` : `${run.summary.dataDir} removed`}.\n`);
        process.exit(EXIT.OK);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
    if (json) printJson(status, run.summary);
    else process.stdout.write(renderSummary(run.summary, once));
    if (!once && run.summary.ok) process.stderr.write('Serving on 127.0.0.1; Ctrl-C stops everything and removes the temp data.\n');
    process.exitCode = status;
  } catch (err) {
    process.exitCode = reportFailure(err, json);
  }
}

/** What `npm start` runs: the local sandbox (@orgkit/sandbox). */
export function startCommand(): Command {
  return new Command('start')
    .description('Run the whole system on localhost: mock Org A and Org B, a Data Cloud tenant and an IdP, force-app deployed, sample data, telemetry, a SAML login')
    .option('--once', 'run every step, print the summary and stop (exit 0 only if every step worked)')
    .option('--data-dir <dir>', 'keep the orgs, keys and spool in <dir> (default: a temp folder removed on exit)')
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText(
      'after',
      `
Without --once it serves until Ctrl-C.

Exit codes:
  0  every step worked
  1  a step failed (the summary says which and why)
  2  could not run: bad flags or a folder that cannot be written`,
    )
    .action(start);
}
