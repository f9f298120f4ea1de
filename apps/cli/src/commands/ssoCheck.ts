import { Command, InvalidArgumentError, Option } from 'commander';
import { addOrgAuthOptions, createCoreTokenSource, ORG_AUTH_HELP, OrgAuthError, resolveCoreAuth, type CoreAuth, type OrgAuthFlags } from '@orgkit/org-auth';
import type { SsoCheckResult, SsoFinding } from '@orgkit/sso';
import { paint, printJson, reportFailure } from '../output.js';

/**
 * Exit codes of `orgkit sso check`: the issue fixes them, and they differ from the generic ones in
 * exitCodes.ts (there 1 means errors), so they live with this command.
 */
export const SSO_CHECK_EXIT = {
  CLEAN: 0,
  WARNINGS: 1,
  /** Errors found, or the check could not run (bad flags, unreadable files, login failed). */
  ERRORS: 2,
} as const;

const SSO_CHECK_EXIT_HELP = `
Exit codes:
  0  clean
  1  warnings only (a certificate expiring within --warn-days, IdP users with no Salesforce match…)
  2  errors (expired certificate, blank/duplicate/unmatched Federation IDs, no break-glass admin), or could not run`;

export interface SsoCheckFlags extends OrgAuthFlags {
  source: string;
  idpUsers?: string;
  warnDays: number;
  caseInsensitiveFederationIds?: boolean;
  json?: boolean;
}

/** The login the flags (or ORGKIT_* variables) describe; none at all means "check the source only". */
function optionalAuth(flags: OrgAuthFlags): CoreAuth | undefined {
  try {
    return resolveCoreAuth(flags);
  } catch (err) {
    if (err instanceof OrgAuthError && err.code === 'AUTH_NOT_CONFIGURED') return undefined;
    throw err;
  }
}

const MARK: Record<SsoFinding['severity'], () => string> = {
  error: () => paint('red', 'error  '),
  warning: () => paint('yellow', 'warning'),
  info: () => paint('green', 'ok     '),
};
const TITLES: Record<SsoFinding['check'], string> = { certificates: 'IdP certificates', 'federation-ids': 'Federation IDs', lockout: 'Lockout (break-glass admin)' };

/** The findings grouped by check, one row each: severity, subject, message. */
export function renderSsoCheck(result: SsoCheckResult): string {
  const lines: string[] = [];
  for (const check of Object.keys(TITLES) as SsoFinding['check'][]) {
    const rows = result.findings.filter((f) => f.check === check);
    const width = Math.min(40, Math.max(0, ...rows.map((f) => f.subject.length)));
    lines.push(paint('bold', TITLES[check]));
    for (const f of rows) lines.push(`  ${f.code === 'CHECK_SKIPPED' ? paint('dim', 'skipped') : MARK[f.severity]()}  ${f.subject.padEnd(width)}  ${f.message}`);
    lines.push('');
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`);
  return lines.join('\n');
}

export async function runSsoCheckCommand(flags: SsoCheckFlags): Promise<number> {
  const json = Boolean(flags.json);
  try {
    // Loaded on use: jsforce is heavy and other commands never need it.
    const { orgConnection, runSsoCheck } = await import('@orgkit/sso');
    const auth = optionalAuth(flags);
    const conn = auth ? orgConnection(await createCoreTokenSource(auth)(false)) : undefined;
    const result = await runSsoCheck({
      sourceDir: flags.source,
      warnDays: flags.warnDays,
      ...(conn ? { conn } : {}),
      ...(flags.idpUsers ? { idpUsersFile: flags.idpUsers } : {}),
      ...(flags.caseInsensitiveFederationIds ? { caseInsensitiveFederationIds: true } : {}),
    });
    const status = result.errors > 0 ? SSO_CHECK_EXIT.ERRORS : result.warnings > 0 ? SSO_CHECK_EXIT.WARNINGS : SSO_CHECK_EXIT.CLEAN;
    if (json) printJson(status, result);
    else process.stdout.write(`${renderSsoCheck(result)}\n`);
    return status;
  } catch (err) {
    return reportFailure(err, json, SSO_CHECK_EXIT.ERRORS);
  }
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(days)) throw new InvalidArgumentError('give a whole number of days, e.g. 30');
  return days;
}

export function ssoCheckCommand(): Command {
  const command = new Command('check')
    .description("Catch the SSO article's three mistakes: expiring IdP certificates, Federation ID mismatches, no admin left with a password login")
    .option('-d, --source <dir>', 'source folder with samlssoconfigs/ (and settings/Security.settings-meta.xml)', 'force-app')
    .option('--idp-users <csv>', "the IdP's user export: a CSV whose federationId, nameId, email or username column (first found, in that order) holds what the IdP sends as NameID")
    .addOption(new Option('--warn-days <days>', 'warn when a certificate expires within this many days').argParser(parseDays).default(30))
    .option('--case-insensitive-federation-ids', "the org matches Federation IDs case-insensitively (default: the source's Security settings enableCaseInsensitiveFederationID, else case-sensitive as Salesforce)");
  addOrgAuthOptions(command);
  return command
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText(
      'after',
      `
Without a login only the certificates in --source are checked; the Federation ID and lockout
checks need an org. SSO users are active users with IsSsoEnabled (permission set or profile);
duplicates are looked for among all active users with a Federation ID.
${ORG_AUTH_HELP}
${SSO_CHECK_EXIT_HELP}`,
    )
    .action(async (flags: SsoCheckFlags) => {
      process.exitCode = await runSsoCheckCommand(flags);
    });
}
