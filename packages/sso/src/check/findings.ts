/** The article's three mistakes, one check each. */
export type SsoCheckName = 'certificates' | 'federation-ids' | 'lockout';

/** `info` rows report what was checked (days left, who the break-glass admin is) and never change the exit code. */
export type SsoSeverity = 'error' | 'warning' | 'info';

export interface SsoFinding {
  check: SsoCheckName;
  severity: SsoSeverity;
  /** Stable: scripts match on it (CERT_EXPIRED, FEDERATION_ID_BLANK, NO_BREAK_GLASS_ADMIN…). */
  code: string;
  /** What the finding is about: a config name, a username, an IdP identity. */
  subject: string;
  message: string;
}

export interface SsoCheckReport {
  findings: SsoFinding[];
  errors: number;
  warnings: number;
}

export function summarize(findings: SsoFinding[]): SsoCheckReport {
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
