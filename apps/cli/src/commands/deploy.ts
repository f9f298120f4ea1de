import { CHECK_NAMES, type CheckName } from '@orgkit/checks/catalog';
import { addOrgAuthOptions, ORG_AUTH_HELP, resolveCoreAuth, OrgAuthError, type OrgAuthFlags } from '@orgkit/org-auth';
import type { DeployEvent, DeployOutcome, RoleChoice, TestLevel } from '@orgkit/deploy';
import { Command, InvalidArgumentError, Option } from 'commander';
import { printJson, reportFailure } from '../output.js';
import { createDeployReporter } from '../render/deployReport.js';
import { createProgressLine } from '../render/streamProgress.js';
import { DEPLOY_EXIT, DEPLOY_EXIT_HELP } from './deployExitCodes.js';

const ROLE_CHOICES = ['source', 'target', 'all'];
const TEST_LEVEL_CHOICES = ['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg'];

export interface DeployFlags extends OrgAuthFlags {
  source?: string;
  role?: RoleChoice;
  roles?: string;
  dryRun?: boolean;
  checkOnly?: boolean;
  testLevel?: TestLevel;
  tests?: string[];
  quick?: string;
  rest?: boolean;
  force?: boolean;
  checks?: CheckName[] | 'none';
  postDeploy?: boolean;
  wait?: number;
  json?: boolean;
}

/** The exit code for how the run ended (see DEPLOY_EXIT_HELP). */
export function deployExitCode(outcome: Pick<DeployOutcome, 'status' | 'postDeploy'>): number {
  switch (outcome.status) {
    case 'refused':
      return DEPLOY_EXIT.REFUSED;
    case 'failed':
      return DEPLOY_EXIT.DEPLOY_FAILED;
    case 'canceled':
      return DEPLOY_EXIT.CANCELED;
    default:
      return outcome.postDeploy.some((s) => s.status === 'failed') ? DEPLOY_EXIT.POST_DEPLOY_FAILED : DEPLOY_EXIT.OK;
  }
}

/** A login when the flags give one; a dry run goes without (then the org gates are skipped). */
function authFor(flags: DeployFlags) {
  try {
    return resolveCoreAuth(flags);
  } catch (err) {
    if (flags.dryRun && err instanceof OrgAuthError && err.code === 'AUTH_NOT_CONFIGURED') return undefined;
    throw err;
  }
}

export async function runDeployCommand(flags: DeployFlags): Promise<number> {
  const json = Boolean(flags.json);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(DEPLOY_EXIT.CANCELED);
    process.stderr.write('\nCanceling the deploy in the org (Ctrl-C again to stop waiting)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  const progress = createProgressLine();
  const reporter = json ? undefined : createDeployReporter((text) => process.stdout.write(text), (text) => process.stderr.write(text), progress);
  try {
    // Loaded on use: SDR and @salesforce/core take seconds to import and other commands never need them.
    const { deployOrg, DeployError } = await import('@orgkit/deploy');
    if (!flags.role && !flags.dryRun) throw new DeployError('INVALID_OPTIONS', 'Say which part goes to this org: --role source (Org B, the verified-accounts API), target (Org A) or all. See the parts with --dry-run.');
    const auth = authFor(flags);
    const outcome = await deployOrg({
      role: flags.role ?? 'all',
      ...(flags.source ? { source: flags.source } : {}),
      ...(flags.roles ? { rolesFile: flags.roles } : {}),
      ...(auth ? { auth } : {}),
      dryRun: Boolean(flags.dryRun),
      checkOnly: Boolean(flags.checkOnly),
      rest: Boolean(flags.rest),
      force: Boolean(flags.force),
      skipPostDeploy: flags.postDeploy === false,
      ...(flags.testLevel ? { testLevel: flags.testLevel } : {}),
      ...(flags.tests ? { tests: flags.tests } : {}),
      ...(flags.quick ? { quick: flags.quick } : {}),
      ...(flags.checks ? { checks: flags.checks } : {}),
      ...(flags.wait ? { waitMinutes: flags.wait } : {}),
      ...(process.env.ORGKIT_DEPLOY_POLL_MS ? { pollMs: Number(process.env.ORGKIT_DEPLOY_POLL_MS) } : {}),
      signal: controller.signal,
      ...(reporter ? { onEvent: (event: DeployEvent) => reporter.event(event) } : {}),
    });
    progress.clear();
    const status = deployExitCode(outcome);
    if (json) printJson(status, outcome, outcome.warnings);
    else reporter?.finish(outcome);
    return status;
  } catch (err) {
    progress.clear();
    const code = (err as { code?: string }).code;
    return reportFailure(err, json, code === 'DEPLOY_STATUS_UNKNOWN' || code === 'DEPLOY_FAILED_TO_START' ? DEPLOY_EXIT.DEPLOY_FAILED : DEPLOY_EXIT.REFUSED);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function parseChecks(value: string): CheckName[] | 'none' {
  // The API's 'none': the deploy goes without `orgkit check` (the lockout and API version gates still run).
  if (value.trim() === 'none') return 'none';
  const names = parseList(value);
  const unknown = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown check ${unknown.join(', ')}; choose from ${CHECK_NAMES.join(', ')}`);
  return names as CheckName[];
}

function parseMinutes(value: string): number {
  const minutes = Number(value);
  if (!(minutes > 0) || !Number.isFinite(minutes)) throw new InvalidArgumentError('give a positive number of minutes, e.g. 33');
  return minutes;
}

export function deployCommand(): Command {
  const command = new Command('deploy')
    .description("Deploy this project's components to the org of a role (source = Org B's verified-accounts API, target = Org A): preflight, SDR deploy in phases, post-deploy setup")
    .option('-d, --source <dir>', 'package directory (default: the default one in sfdx-project.json)')
    .addOption(new Option('-r, --role <role>', 'which part goes to this org (required unless --dry-run, which shows all)').choices(ROLE_CHOICES))
    .option('--roles <file>', 'roles config (default: deploy-roles.json at the project root)')
    .option('--dry-run', 'print what would go where and the phases; with a login also run the preflight; send nothing')
    .option('--check-only', 'validate: the org runs the deploy and tests and rolls back; prints the id for --quick')
    .addOption(new Option('-l, --test-level <level>', 'Apex tests to run').choices(TEST_LEVEL_CHOICES))
    .addOption(new Option('-t, --tests <classes>', 'comma-separated test classes for --test-level RunSpecifiedTests').argParser(parseList))
    .option('--quick <id>', 'quick-deploy a validation that succeeded (the 0Af… id --check-only printed)')
    .option('--rest', 'use the Metadata REST API instead of SOAP')
    .option('--force', 'deploy despite errors found by the checks (never skips the SSO lockout check)')
    .addOption(new Option('-c, --checks <names>', `preflight checks to run (default all): ${CHECK_NAMES.join(', ')}, or none`).argParser(parseChecks))
    .option('--no-post-deploy', 'skip the post-deploy steps (settings defaults, permission set assignments, schedules)')
    .addOption(new Option('-w, --wait <minutes>', 'how long to wait for the deploy').argParser(parseMinutes).default(33));
  addOrgAuthOptions(command);
  return command
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText(
      'after',
      `
Preflight, before anything is sent: \`orgkit check\` on the deployed files (errors refuse; --force
goes on), the SSO lockout check when the set has SamlSsoConfig, Security settings or the SSO_Users
permission set (never skipped), and the org's newest API version against sourceApiVersion.
A committed-inactive duplicate rule is activated in phase 2, once its matching rule is Active.
Ctrl-C cancels the deploy in the org and waits until it is Canceled.
${ORG_AUTH_HELP}
${DEPLOY_EXIT_HELP}`,
    )
    .action(async (flags: DeployFlags) => {
      process.exitCode = await runDeployCommand(flags);
    });
}
