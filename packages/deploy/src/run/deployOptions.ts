import { DeployError } from '../deployError.js';

export const TEST_LEVELS = ['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg'] as const;
export type TestLevel = (typeof TEST_LEVELS)[number];

/** How the component set is sent; one place for the defaults. */
export interface SendOptions {
  /** Validate only: the org runs the deploy and its tests, then rolls everything back. */
  checkOnly?: boolean;
  /** Default: the org's default (NoTestRun in sandboxes, RunLocalTests in production). */
  testLevel?: TestLevel;
  /** Apex test classes for RunSpecifiedTests. */
  tests?: string[];
  /** Metadata REST API instead of SOAP (the default). */
  rest?: boolean;
  /** Quick-deploy this validation (a Succeeded check-only deploy id) instead of sending the set. */
  quick?: string;
  /** How often to ask for the status (default 2000 ms). */
  pollMs?: number;
  /** When to stop waiting (default 33 minutes, as the sf CLI). */
  waitMinutes?: number;
}

const DEPLOY_ID = /^0Af[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;

/** Refuses option combinations the org would refuse later, with the flag to change. */
export function validateSendOptions(options: SendOptions): void {
  if (options.testLevel !== undefined && !(TEST_LEVELS as readonly string[]).includes(options.testLevel)) {
    throw new DeployError('INVALID_OPTIONS', `--test-level ${String(options.testLevel)} is not a test level: use ${TEST_LEVELS.join(', ')}.`);
  }
  const tests = options.tests ?? [];
  if (options.testLevel === 'RunSpecifiedTests' && tests.length === 0) {
    throw new DeployError('INVALID_OPTIONS', '--test-level RunSpecifiedTests needs --tests with the Apex test classes to run, e.g. --tests VerifiedAccountsAPI_Tests,VerifiedAccountDTO_Tests.');
  }
  if (tests.length > 0 && options.testLevel !== 'RunSpecifiedTests') {
    throw new DeployError('INVALID_OPTIONS', `--tests runs only with --test-level RunSpecifiedTests${options.testLevel ? ` (got ${options.testLevel})` : ''}: add it, or drop --tests.`);
  }
  const badTest = tests.find((t) => !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/.test(t));
  if (badTest !== undefined) throw new DeployError('INVALID_OPTIONS', `--tests: "${badTest}" is not an Apex class name (letters, digits and underscores; Class or Class.method).`);
  if (options.quick !== undefined) {
    if (!DEPLOY_ID.test(options.quick)) throw new DeployError('INVALID_OPTIONS', `--quick ${options.quick} is not a deploy id: give the 0Af… id a --check-only run printed.`);
    if (options.checkOnly) throw new DeployError('INVALID_OPTIONS', '--quick deploys a validation that already ran: drop --check-only.');
    if (options.testLevel !== undefined) throw new DeployError('INVALID_OPTIONS', '--quick reuses the validation\'s test run: drop --test-level and --tests.');
  }
  if (options.pollMs !== undefined && !(Number.isInteger(options.pollMs) && options.pollMs >= 10)) throw new DeployError('INVALID_OPTIONS', 'pollMs must be a whole number of milliseconds, at least 10.');
  if (options.waitMinutes !== undefined && !(options.waitMinutes > 0)) throw new DeployError('INVALID_OPTIONS', '--wait must be a positive number of minutes.');
}
