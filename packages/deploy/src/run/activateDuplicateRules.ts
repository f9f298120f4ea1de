import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { activatedDuplicateRuleXml, type DuplicateRuleActivation } from '../plan/duplicateRulePhase.js';
import { soqlString } from '../postDeploy/soql.js';
import { phaseReport, type PhaseReport } from './deployReport.js';
import type { SendOptions } from './deployOptions.js';
import { sendComponentSet, type SendInput } from './sendComponentSet.js';

export interface MatchingRuleWait {
  /** 'active': every matching rule reported Active; 'unknown': the org can't be asked (deploying anyway). */
  state: 'active' | 'unknown' | 'failed' | 'timed-out';
  detail: string;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Polls MatchingRule.RuleStatus until every rule is Active (a matching rule activates asynchronously). */
export async function waitForMatchingRules(conn: Connection, names: string[], options: { pollMs: number; waitMinutes: number; signal?: AbortSignal }): Promise<MatchingRuleWait> {
  const deadline = Date.now() + options.waitMinutes * 60_000;
  const soql = `SELECT DeveloperName, RuleStatus FROM MatchingRule WHERE DeveloperName IN (${names.map(soqlString).join(', ')})`;
  for (;;) {
    let rows: { DeveloperName: string; RuleStatus: string }[];
    try {
      rows = (await conn.query<{ DeveloperName: string; RuleStatus: string }>(soql)).records;
    } catch (err) {
      return { state: 'unknown', detail: `could not read MatchingRule status (${(err as Error).message}); deploying phase 2 and letting the org decide` };
    }
    const status = new Map(rows.map((r) => [r.DeveloperName, r.RuleStatus]));
    const failed = names.filter((n) => /fail/i.test(status.get(n) ?? ''));
    if (failed.length > 0) return { state: 'failed', detail: `matching rule ${failed.map((n) => `${n} is ${status.get(n)}`).join(', ')}: fix it in Setup → Matching Rules, then deploy again` };
    if (names.every((n) => status.get(n) === 'Active')) return { state: 'active', detail: `matching rule${names.length === 1 ? '' : 's'} ${names.join(', ')} Active` };
    if (Date.now() >= deadline || options.signal?.aborted) {
      return { state: 'timed-out', detail: `matching rules not Active after ${options.waitMinutes} min (${names.map((n) => `${n}: ${status.get(n) ?? 'not found'}`).join(', ')}); activate the duplicate rule later (docs/leads.md, phase 2)` };
    }
    await sleep(options.pollMs, options.signal);
  }
}

export interface PhaseTwoResult {
  wait: MatchingRuleWait;
  /** Absent when the wait failed and nothing was sent. */
  report?: PhaseReport;
}

/**
 * Phase 2 of docs/leads.md: once the matching rules are Active, deploy a copy of each committed
 * (inactive) duplicate rule with <isActive>true</isActive>. The committed files stay untouched;
 * failures are reported against them.
 */
export async function activateDuplicateRules(
  input: Omit<SendInput, 'phase' | 'components' | 'quick' | 'checkOnly'> & { activations: DuplicateRuleActivation[]; projectDir: string; matchingRuleWaitMinutes?: number; onWaiting?: (names: string[]) => void } & Pick<SendOptions, 'pollMs'>,
): Promise<PhaseTwoResult> {
  const names = [...new Set(input.activations.flatMap((a) => a.matchingRules))];
  input.onWaiting?.(names);
  const wait = await waitForMatchingRules(input.conn, names, { pollMs: input.pollMs ?? 2000, waitMinutes: input.matchingRuleWaitMinutes ?? 10, ...(input.signal ? { signal: input.signal } : {}) });
  if (wait.state === 'failed' || wait.state === 'timed-out') return { wait };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-deploy-phase2-'));
  try {
    const copies = new Map<string, string>();
    for (const a of input.activations) {
      const copy = path.join(dir, 'duplicateRules', path.basename(a.xmlPath));
      await mkdir(path.dirname(copy), { recursive: true });
      await writeFile(copy, activatedDuplicateRuleXml(await readFile(a.xmlPath, 'utf8')));
      copies.set(copy, a.xmlPath);
    }
    const components = ComponentSet.fromSource(dir).getSourceComponents().toArray();
    // Test runs belong to phase 1: activating a rule changes no Apex.
    const result = await sendComponentSet({ ...input, phase: 2, components, testLevel: 'NoTestRun', tests: [] });
    return { wait, report: phaseReport(2, result, input.projectDir, (f) => copies.get(f) ?? f) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
