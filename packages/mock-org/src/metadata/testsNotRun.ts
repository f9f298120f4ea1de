import type { MdapiComponent } from '@orgkit/checks/mdapi';
import type { OrgState } from '../org.js';
import type { DeployOptions } from './types.js';

const IS_TEST = /@istest\b/i;

/**
 * What the deploy result says about tests when a test level asks for them: the mock never runs
 * Apex, so it names the tests it did not run instead of reporting a pass. '' for NoTestRun.
 */
export function testsNotRunMessage(org: OrgState, options: DeployOptions, components: readonly MdapiComponent[]): string {
  if (options.testLevel === 'NoTestRun') return '';
  let names: string[];
  if (options.testLevel === 'RunSpecifiedTests') names = options.runTests;
  else {
    const fromPackage = components.filter((c) => c.type === 'ApexClass' && IS_TEST.test(c.content ?? '')).map((c) => c.fullName);
    const fromOrg = [...org.store.scan('ApexClass', { includeDeleted: false })].filter((r) => IS_TEST.test(String(r.Body ?? ''))).map((r) => String(r.Name));
    names = [...new Set([...fromPackage, ...fromOrg])].sort();
  }
  const list = names.length ? names.join(', ') : 'no test classes found';
  return `The mock org does not run Apex tests: ${options.testLevel} asked for ${names.length} test class${names.length === 1 ? '' : 'es'} (${list}), not run.`;
}
