export { runSandbox } from './runSandbox.js';
export { STEP_NAMES, type StepName, type StepReport, type SandboxOptions, type SandboxRun, type SandboxSummary, type SandboxUrls, type SandboxCredentials } from './types.js';
export { StepFailure } from './stepFailure.js';
export { SandboxDataDirError } from './sandboxFolder.js';
