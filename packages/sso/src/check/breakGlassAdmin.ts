import type { Connection } from 'jsforce';
import type { SsoFinding } from './findings.js';
import { activeSsoUsers, activeSystemAdministrators, type OrgUser } from './orgUsers.js';
import { SsoCheckError } from './ssoCheckError.js';

/** Active System Administrators who don't hold IsSsoEnabled: they keep their Salesforce password login. */
export function breakGlassAdmins(admins: OrgUser[], ssoUsers: OrgUser[]): OrgUser[] {
  const sso = new Set(ssoUsers.map((u) => u.id));
  return admins.filter((a) => !sso.has(a.id));
}

export function lockoutFindings(admins: OrgUser[], ssoUsers: OrgUser[]): SsoFinding[] {
  const breakGlass = breakGlassAdmins(admins, ssoUsers);
  if (breakGlass.length === 0) {
    return [
      {
        check: 'lockout',
        severity: 'error',
        code: 'NO_BREAK_GLASS_ADMIN',
        subject: admins.length === 0 ? 'no active System Administrator' : `${admins.length} admin(s), all SSO-enabled`,
        message: 'No active System Administrator can log in with a Salesforce password: if SSO breaks, nobody can get in. Keep one admin without IsSsoEnabled (a break-glass admin).',
      },
    ];
  }
  return breakGlass.map((a) => ({ check: 'lockout', severity: 'info', code: 'BREAK_GLASS_ADMIN', subject: a.username, message: 'Active System Administrator without IsSsoEnabled: can still log in with a Salesforce password.' }));
}

/**
 * Refuses (SsoCheckError NO_BREAK_GLASS_ADMIN) when every active System Administrator is
 * SSO-enabled. The deploy scripts call it before enabling "disable login with Salesforce
 * credentials" (isLoginWithSalesforceCredentialsDisabled), which would lock them all out.
 * Returns the usernames of the admins who keep a password login.
 */
export async function assertBreakGlassAdmin(conn: Connection): Promise<string[]> {
  const [admins, ssoUsers] = await Promise.all([activeSystemAdministrators(conn), activeSsoUsers(conn)]);
  const [problem] = lockoutFindings(admins, ssoUsers).filter((f) => f.severity === 'error');
  if (problem) throw new SsoCheckError('NO_BREAK_GLASS_ADMIN', `${problem.message} Refusing to disable login with Salesforce credentials.`);
  return breakGlassAdmins(admins, ssoUsers).map((a) => a.username);
}
