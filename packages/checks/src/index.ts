export { runChecks, ALL_CHECKS, type CheckOutcome, type CheckReport, type RunChecksOptions } from './runChecks.js';
export { resolveCheckContext, ProjectError } from './project.js';
export { CHECK_NAMES, CheckSetupError, type Check, type CheckContext, type CheckName, type Finding, type Severity } from './types.js';
export { validateMdapiPackage, readMdapiZip, readMdapiDir, MdapiReadError, type MdapiSource, type MdapiComponent, type MdapiFiles, type MdapiPackageReport, type MdapiProblem } from './mdapi.js';
