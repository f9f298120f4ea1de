import type { CheckOutcome, Finding } from '@orgkit/checks';

export type GateStatus = 'passed' | 'refused' | 'skipped';

/** `orgkit check` on the component set: only findings in files being deployed count. */
export interface ChecksGate {
  status: GateStatus | 'forced';
  /** Errors in deployed files: they abort the deploy unless --force. */
  errors: Finding[];
  /** Warnings in deployed files, counted per check. */
  warnings: Partial<Record<Finding['check'], number>>;
  /** Checks that could not run (no Java…): the set was not verified. */
  notRun: Pick<CheckOutcome, 'name' | 'problem'>[];
  reason?: string;
}

/** The SSO lockout check: --force never skips it. */
export interface LockoutGate {
  status: GateStatus;
  /** Admins who keep a password login (passed). */
  breakGlassAdmins?: string[];
  reason: string;
}

export interface ApiVersionGate {
  status: GateStatus;
  sourceApiVersion: string;
  orgMaxApiVersion?: string;
  reason: string;
}

export interface PreflightResult {
  ok: boolean;
  checks: ChecksGate;
  lockout: LockoutGate;
  apiVersion: ApiVersionGate;
  /** One line per gate that refused, in the order the gates ran. */
  refusals: string[];
}
