import type { DeployEvent, DeployOutcome, PhaseReport } from '@orgkit/deploy';
import { describe, expect, it } from 'vitest';
import { deployExitCode } from '../src/commands/deploy.js';
import { DEPLOY_EXIT } from '../src/commands/deployExitCodes.js';
import { createDeployReporter, renderFailureTable } from '../src/render/deployReport.js';

const failed: PhaseReport = {
  phase: 1,
  id: '0Af000000000001AAA',
  status: 'Failed',
  success: false,
  checkOnly: false,
  components: { total: 3, deployed: 1, errors: 2 },
  tests: { total: 2, completed: 2, errors: 1 },
  componentFailures: [
    { type: 'ApexClass', fullName: 'Broken', file: 'force-app/main/default/classes/Broken.cls', line: 3, column: 17, problem: "Missing ';' at '}'", problemType: 'Error' },
    { type: 'CustomField', fullName: 'Account.Gone__c', problem: 'no such field', problemType: 'Error' },
  ],
  testFailures: [{ className: 'Greeter_Test', methodName: 'greets', message: 'System.AssertException: Assertion Failed', stackTrace: 'Class.Greeter_Test.greets: line 5, column 1' }],
  coverage: [{ className: 'Greeter', linesTotal: 4, linesNotCovered: 1, percent: 75 }],
  coverageWarnings: [],
};

/** What the reporter prints for these events and this outcome (no terminal: no progress line). */
function report(events: DeployEvent[], outcome: Partial<DeployOutcome> & Pick<DeployOutcome, 'status'>): { out: string; err: string } {
  let out = '';
  let err = '';
  const reporter = createDeployReporter(
    (t) => (out += t),
    (t) => (err += t),
    { update: () => {}, clear: () => {} },
  );
  for (const e of events) reporter.event(e);
  reporter.finish({ plan: {} as never, phases: [], postDeploy: [], warnings: [], ...outcome });
  return { out, err };
}

describe('the failure report', () => {
  it('maps each component failure to file:line:column, and says when there is no local file', () => {
    expect(renderFailureTable(failed).split('\n')).toEqual([
      'FILE                                            COMPONENT                    PROBLEM',
      "force-app/main/default/classes/Broken.cls:3:17  ApexClass Broken             Missing ';' at '}'",
      '(no local file)                                 CustomField Account.Gone__c  no such field',
    ]);
  });

  it('lists test failures with their stack and coverage per class', () => {
    const text = report([{ kind: 'phase-done', report: failed }], { status: 'failed', phases: [failed] }).out;
    expect(text).toContain('Phase 1: Failed  id 0Af000000000001AAA · components 1/3, 2 failed · tests 2/2, 1 failed');
    expect(text).toContain('  Greeter_Test.greets: System.AssertException: Assertion Failed\n    Class.Greeter_Test.greets: line 5, column 1');
    expect(text).toContain('   75%  Greeter (3/4 lines)');
  });

  it('shows post-deploy steps with their reasons and how a validation is quick-deployed', () => {
    const ok = { ...failed, status: 'Succeeded', success: true, checkOnly: true, componentFailures: [], testFailures: [] };
    const step = { step: 'schedule', subject: 'Account Enrichment', status: 'failed', reason: 'could not look' } as const;
    const text = report([{ kind: 'phase-done', report: ok }, { kind: 'post-deploy', step }], { status: 'succeeded', phases: [ok], postDeploy: [step], validationId: ok.id }).out;
    expect(text).toContain('failed   Account Enrichment: could not look');
    expect(text).toContain('orgkit deploy --quick 0Af000000000001AAA');
  });
});

describe('two phases', () => {
  it('prints each phase as it ends and the matching-rule wait between them, then the verdict', () => {
    const phase = (n: 1 | 2) => ({ ...failed, phase: n, id: `0Af00000000000${n}AAA`, status: 'Succeeded', success: true, componentFailures: [], testFailures: [] });
    const wait = { state: 'unknown', detail: 'could not read MatchingRule status (no access)' } as const;
    const events: DeployEvent[] = [
      { kind: 'phase-done', report: phase(1) },
      { kind: 'matching-rules-waiting', names: ['Lead_Email_Name_Company_Phone'] },
      { kind: 'matching-rules', wait },
      { kind: 'phase-started', phase: 2, id: '0Af000000000002AAA' },
      { kind: 'phase-done', report: phase(2) },
    ];
    const text = report(events, { status: 'succeeded', phases: [phase(1), phase(2)], matchingRules: wait }).out;
    const at = (needle: string) => text.indexOf(needle);
    expect(at('Phase 1: Succeeded')).toBeGreaterThanOrEqual(0);
    expect(at('Phase 1: Succeeded')).toBeLessThan(at('Phase 2: could not read MatchingRule status'));
    expect(at('Phase 2: could not read MatchingRule status')).toBeLessThan(at('Phase 2: Succeeded'));
    expect(text.trimEnd().endsWith('Deployed.')).toBe(true);
  });

  it("sends core's warnings to stderr, not into the report", () => {
    const { out, err } = report([{ kind: 'warning', message: 'Using insecure protocol: http: on url: http://127.0.0.1:1' }], { status: 'planned' });
    expect(err).toBe('Warning: Using insecure protocol: http: on url: http://127.0.0.1:1\n');
    expect(out).toBe('Dry run: nothing was sent.\n');
  });
});

describe('deploy exit codes', () => {
  it.each([
    ['planned', [], DEPLOY_EXIT.OK],
    ['succeeded', [{ status: 'skipped' }], DEPLOY_EXIT.OK],
    ['succeeded', [{ status: 'failed' }], DEPLOY_EXIT.POST_DEPLOY_FAILED],
    ['failed', [], DEPLOY_EXIT.DEPLOY_FAILED],
    ['refused', [], DEPLOY_EXIT.REFUSED],
    ['canceled', [], DEPLOY_EXIT.CANCELED],
  ] as const)('%s with post-deploy %j → %i', (status, postDeploy, code) => {
    expect(deployExitCode({ status, postDeploy: postDeploy as never })).toBe(code);
  });
});
