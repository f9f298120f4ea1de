/** The names of the checks `orgkit check` runs, in the order it runs them. */
export const CHECK_NAMES = [
  'sdr',
  'metadata-schema',
  'apex',
  'pmd',
  'field-references',
  'format',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export type Severity = 'error' | 'warning';

/** One problem in one file. `file` is relative to the project root, with forward slashes. */
export interface Finding {
  check: CheckName;
  severity: Severity;
  file: string;
  /** 1-based; absent when the problem is about the whole file. */
  line?: number;
  column?: number;
  message: string;
  /** The rule or diagnostic id of the underlying tool, when it has one (e.g. PMD's rule name). */
  rule?: string;
}

/** What every check gets: the project and the package directory being checked. */
export interface CheckContext {
  /** Absolute path of the folder that holds sfdx-project.json. */
  projectDir: string;
  /** Absolute path of the package directory to check (e.g. <projectDir>/force-app). */
  sourceDir: string;
}

export interface Check {
  name: CheckName;
  /** One line for `orgkit check --help` and the progress output. */
  description: string;
  run(ctx: CheckContext): Promise<Finding[]>;
}

/**
 * A check could not run at all (a missing tool, an unreadable project).
 * Distinct from findings: the project may be fine, but it was not verified.
 */
export class CheckSetupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CheckSetupError';
  }
}
