import { describe, expect, it } from 'vitest';
import { validateSendOptions, type SendOptions } from '../src/index.js';

describe('deploy option combinations', () => {
  it.each<[SendOptions, RegExp]>([
    [{ testLevel: 'RunSpecifiedTests' }, /RunSpecifiedTests needs --tests/],
    [{ tests: ['A_Tests'] }, /--tests runs only with --test-level RunSpecifiedTests/],
    [{ testLevel: 'RunLocalTests', tests: ['A_Tests'] }, /\(got RunLocalTests\)/],
    [{ testLevel: 'RunSpecifiedTests', tests: ['A-Tests'] }, /"A-Tests" is not an Apex class name/],
    [{ testLevel: 'Everything' as never }, /is not a test level: use NoTestRun, RunSpecifiedTests, RunLocalTests, RunAllTestsInOrg/],
    [{ quick: 'abc' }, /--quick abc is not a deploy id/],
    [{ quick: '0Af000000000001AAA', checkOnly: true }, /drop --check-only/],
    [{ quick: '0Af000000000001AAA', testLevel: 'RunLocalTests' }, /drop --test-level/],
    [{ waitMinutes: 0 }, /--wait must be a positive number/],
  ])('refuses %j', (options, message) => {
    expect(() => validateSendOptions(options)).toThrow(message);
  });

  it.each<SendOptions>([{}, { testLevel: 'RunSpecifiedTests', tests: ['VerifiedAccountsAPI_Tests', 'A_Tests.oneMethod'] }, { checkOnly: true, testLevel: 'RunLocalTests' }, { quick: '0Af000000000001AAA', rest: true }])('accepts %j', (options) => {
    expect(() => validateSendOptions(options)).not.toThrow();
  });
});
