import type { XmlElement } from '@orgkit/checks/xml';
import type { DeployOptions } from './types.js';

const TEST_LEVELS: readonly DeployOptions['testLevel'][] = ['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg', 'RunRelevantTests'];
const BOOLEANS = ['allowMissingFiles', 'autoUpdatePackage', 'checkOnly', 'ignoreWarnings', 'performRetrieve', 'purgeOnDelete', 'rollbackOnError', 'runAllTests', 'singlePackage'] as const;

/** A DeployOptions value the API refuses; the routes answer it as INVALID_FIELD / a SOAP fault. */
export class DeployOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployOptionsError';
  }
}

/** The defaults Salesforce applies to options a request leaves out. */
const DEFAULTS: DeployOptions = {
  allowMissingFiles: false,
  autoUpdatePackage: false,
  checkOnly: false,
  ignoreWarnings: false,
  performRetrieve: false,
  purgeOnDelete: false,
  rollbackOnError: true,
  runAllTests: false,
  runTests: [],
  singlePackage: true,
  testLevel: 'NoTestRun',
};

function toBoolean(name: string, value: unknown): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new DeployOptionsError(`DeployOptions.${name} must be true or false, not ${JSON.stringify(value)}.`);
}

/** Normalises options given as JSON (REST) or as strings from the SOAP envelope. */
export function deployOptionsFrom(raw: Record<string, unknown>): DeployOptions {
  const options: DeployOptions = { ...DEFAULTS, runTests: [] };
  for (const name of BOOLEANS) if (raw[name] !== undefined && raw[name] !== null) options[name] = toBoolean(name, raw[name]);
  const runTests = raw.runTests;
  if (runTests !== undefined && runTests !== null) options.runTests = (Array.isArray(runTests) ? runTests : [runTests]).map(String);
  if (raw.testLevel !== undefined && raw.testLevel !== null) {
    if (!TEST_LEVELS.includes(raw.testLevel as DeployOptions['testLevel'])) throw new DeployOptionsError(`DeployOptions.testLevel must be one of ${TEST_LEVELS.join(', ')}, not ${JSON.stringify(raw.testLevel)}.`);
    options.testLevel = raw.testLevel as DeployOptions['testLevel'];
  } else if (options.runAllTests) options.testLevel = 'RunAllTestsInOrg';
  if (options.testLevel === 'RunSpecifiedTests' && options.runTests.length === 0) throw new DeployOptionsError('testLevel RunSpecifiedTests needs at least one class in runTests.');
  return options;
}

/** `<DeployOptions><checkOnly>true</checkOnly><runTests>A</runTests>…` as a plain object. */
export function deployOptionsFromXml(element: XmlElement | undefined): DeployOptions {
  const raw: Record<string, unknown> = {};
  for (const child of element?.children ?? []) {
    const value = child.text.trim();
    if (child.name === 'runTests') raw.runTests = [...((raw.runTests as string[] | undefined) ?? []), value];
    else raw[child.name] = value;
  }
  return deployOptionsFrom(raw);
}
