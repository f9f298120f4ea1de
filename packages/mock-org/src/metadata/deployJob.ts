import type { MdapiComponent, MdapiProblem } from '@orgkit/checks/mdapi';
import type { DeployMessage, DeployOptions, DeployResult, DeployStatus, RunTestsResult } from './types.js';

/** One deploy as the org tracks it between status requests. */
export interface DeployJob {
  id: string;
  options: DeployOptions;
  createdBy: { id: string; name: string };
  createdDate: string;
  lastModifiedDate: string;
  startDate?: string;
  completedDate?: string;
  status: DeployStatus;
  stateDetail?: string;
  errorMessage?: string;
  errorStatusCode?: string;
  canceledBy?: { id: string; name: string };
  /** The zip until it is validated. */
  zip?: Buffer;
  /** Named components, after validation. */
  components: MdapiComponent[];
  successes: DeployMessage[];
  failures: DeployMessage[];
  deployed: number;
  /** For a quick deploy: the validation it deploys. */
  validationId?: string;
  /** For a validation: set once it has been quick-deployed. */
  quickDeployedAs?: string;
  /** The Apex tests the request asked for, which the mock does not run ('' when none were asked). */
  testsNotRun: string;
}

export const isDone = (status: DeployStatus): boolean => status === 'Succeeded' || status === 'SucceededPartial' || status === 'Failed' || status === 'Canceled';

export const failureMessage = (p: MdapiProblem, createdDate: string): DeployMessage => ({
  changed: false,
  created: false,
  deleted: false,
  success: false,
  componentType: p.componentType,
  fullName: p.fullName,
  fileName: p.fileName,
  createdDate,
  problem: p.problem,
  problemType: p.problemType,
  ...(p.lineNumber !== undefined ? { lineNumber: p.lineNumber } : {}),
  ...(p.columnNumber !== undefined ? { columnNumber: p.columnNumber } : {}),
});

function runTestResult(job: DeployJob): RunTestsResult {
  return {
    numTestsRun: 0,
    numFailures: 0,
    totalTime: 0,
    successes: [],
    failures: [],
    codeCoverage: [],
    codeCoverageWarnings: job.testsNotRun ? [{ message: job.testsNotRun }] : [],
  };
}

/** The DeployResult a status request answers; `details` only when asked (SDR always asks). */
export function deployResultOf(job: DeployJob, includeDetails: boolean): DeployResult {
  const done = isDone(job.status);
  return {
    id: job.id,
    status: job.status,
    done,
    success: job.status === 'Succeeded' || job.status === 'SucceededPartial',
    checkOnly: job.options.checkOnly,
    ignoreWarnings: job.options.ignoreWarnings,
    rollbackOnError: job.options.rollbackOnError,
    runTestsEnabled: job.options.testLevel !== 'NoTestRun',
    numberComponentsTotal: job.components.length,
    numberComponentsDeployed: job.deployed,
    numberComponentErrors: job.failures.length,
    // The mock runs no Apex: no test is counted as run, passed or failed.
    numberTestsTotal: 0,
    numberTestsCompleted: 0,
    numberTestErrors: 0,
    createdBy: job.createdBy.id.slice(0, 15),
    createdByName: job.createdBy.name,
    createdDate: job.createdDate,
    ...(job.startDate ? { startDate: job.startDate } : {}),
    ...(job.completedDate ? { completedDate: job.completedDate } : {}),
    lastModifiedDate: job.lastModifiedDate,
    ...(job.stateDetail ? { stateDetail: job.stateDetail } : {}),
    ...(job.errorMessage ? { errorMessage: job.errorMessage, errorStatusCode: job.errorStatusCode ?? 'UNKNOWN_EXCEPTION' } : {}),
    ...(job.canceledBy ? { canceledBy: job.canceledBy.id.slice(0, 15), canceledByName: job.canceledBy.name } : {}),
    ...(includeDetails ? { details: { componentSuccesses: done ? job.successes : job.successes.slice(0, job.deployed), componentFailures: job.failures, runTestResult: runTestResult(job) } } : {}),
  };
}
