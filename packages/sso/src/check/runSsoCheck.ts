import type { Connection } from 'jsforce';
import { lockoutFindings } from './breakGlassAdmin.js';
import { certificateFindings, type CertificateStatus } from './certificateCheck.js';
import { federationIdFindings } from './federationIdCheck.js';
import { summarize, type SsoCheckReport, type SsoFinding } from './findings.js';
import { readDeployedSamlConfigs } from './deployedSamlConfigs.js';
import { readIdpUsers } from './idpUsers.js';
import { readLocalSamlConfigs } from './localSamlConfigs.js';
import { activeFederatedUsers, activeSsoUsers, activeSystemAdministrators } from './orgUsers.js';
import { sourceHasCaseInsensitiveFederationIds } from './securitySettings.js';
import { SsoCheckError } from './ssoCheckError.js';

export interface SsoCheckOptions {
  /** SFDX source folder with samlssoconfigs/ (and settings/Security.settings-meta.xml). */
  sourceDir: string;
  /** A logged-in org: without one only the certificates in the source are checked. */
  conn?: Connection;
  /** CSV export of the IdP's users (see IDP_ID_HEADERS); needs `conn`. */
  idpUsersFile?: string;
  /** Warn when a certificate expires within this many days. Default 30. */
  warnDays?: number;
  /** Match Federation IDs case-insensitively; default: the source's Security settings (else off, as Salesforce). */
  caseInsensitiveFederationIds?: boolean;
  now?: Date;
}

export interface SsoCheckResult extends SsoCheckReport {
  certificates: CertificateStatus[];
  /** Where the Federation ID column of the IdP export came from, when one was read. */
  idpUsers?: { file: string; column: string; count: number };
  caseInsensitiveFederationIds: boolean;
}

const skipped = (check: SsoFinding['check'], message: string): SsoFinding => ({ check, severity: 'info', code: 'CHECK_SKIPPED', subject: '-', message });

/**
 * The SSO article's three mistakes: expiring IdP certificates (in the source and, with an org,
 * the deployed configs), Federation IDs that don't line up with the IdP, and no admin left with
 * a password login.
 */
export async function runSsoCheck(options: SsoCheckOptions): Promise<SsoCheckResult> {
  const warnDays = options.warnDays ?? 30;
  if (!Number.isInteger(warnDays) || warnDays < 0) throw new SsoCheckError('INVALID_OPTIONS', `--warn-days must be a whole number of days (0 or more); got ${String(options.warnDays)}.`);
  if (options.idpUsersFile && !options.conn) throw new SsoCheckError('INVALID_OPTIONS', '--idp-users compares the export with the org\'s users: also pass a login (--target-org, or the other login flags).');
  const local = readLocalSamlConfigs(options.sourceDir);
  const configs = options.conn ? [...local, ...(await readDeployedSamlConfigs(options.conn))] : local;
  const caseInsensitive = options.caseInsensitiveFederationIds ?? sourceHasCaseInsensitiveFederationIds(options.sourceDir);
  const certs = certificateFindings(configs, { now: options.now ?? new Date(), warnDays });
  const findings: SsoFinding[] = [...certs.findings];
  if (configs.length === 0) findings.push(skipped('certificates', `No SamlSsoConfig in ${options.sourceDir}${options.conn ? ' or in the org' : ''}: no certificate to check.`));
  const idp = options.idpUsersFile ? readIdpUsers(options.idpUsersFile) : undefined;
  if (options.conn) {
    const [ssoUsers, federatedUsers, admins] = await Promise.all([activeSsoUsers(options.conn), activeFederatedUsers(options.conn), activeSystemAdministrators(options.conn)]);
    findings.push(...federationIdFindings({ ssoUsers, federatedUsers, caseInsensitive, ...(idp ? { idpIds: idp.ids } : {}) }));
    if (ssoUsers.length === 0) findings.push(skipped('federation-ids', 'No active user holds IsSsoEnabled: no SSO user to check.'));
    findings.push(...lockoutFindings(admins, ssoUsers));
  } else {
    findings.push(skipped('federation-ids', 'No org given: pass a login (--target-org…) to check Federation IDs.'), skipped('lockout', 'No org given: pass a login (--target-org…) to check for a break-glass admin.'));
  }
  return {
    ...summarize(findings),
    certificates: certs.certificates,
    ...(idp && options.idpUsersFile ? { idpUsers: { file: options.idpUsersFile, column: idp.column, count: idp.ids.length } } : {}),
    caseInsensitiveFederationIds: caseInsensitive,
  };
}
