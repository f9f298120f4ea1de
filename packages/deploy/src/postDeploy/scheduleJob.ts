import type { Connection } from '@salesforce/core';
import type { ScheduledJob } from '../roles/rolesConfig.js';
import { errorText, type PostDeployStep } from './postDeployStep.js';
import { soqlString } from './soql.js';

interface ExecuteAnonymousResult {
  compiled: boolean;
  success: boolean;
  compileProblem?: string | null;
  exceptionMessage?: string | null;
  line?: number;
  column?: number;
}

/**
 * Schedules a job by running its anonymous Apex (Tooling API executeAnonymous) unless a
 * CronTrigger with its name exists: System.schedule refuses a second job with the same name.
 */
export async function ensureScheduledJob(conn: Connection, job: ScheduledJob): Promise<PostDeployStep> {
  const base = { step: 'schedule' as const, subject: job.jobName };
  let existing: { Id: string; State: string; NextFireTime: string | null }[];
  try {
    existing = (await conn.query<{ Id: string; State: string; NextFireTime: string | null }>(`SELECT Id, State, NextFireTime FROM CronTrigger WHERE CronJobDetail.Name = ${soqlString(job.jobName)}`)).records;
  } catch (err) {
    return { ...base, status: 'failed', reason: `could not look for an existing schedule (CronTrigger): ${errorText(err)}; schedule it by hand with: ${job.apex}` };
  }
  if (existing.length > 0) return { ...base, status: 'skipped', reason: `already scheduled (${existing[0]!.Id}, ${existing[0]!.State}${existing[0]!.NextFireTime ? `, next ${existing[0]!.NextFireTime}` : ''})` };
  let result: ExecuteAnonymousResult;
  try {
    result = (await conn.tooling.executeAnonymous(job.apex)) as ExecuteAnonymousResult;
  } catch (err) {
    return { ...base, status: 'failed', reason: `executeAnonymous failed: ${errorText(err)}; schedule it by hand with: ${job.apex}` };
  }
  if (!result.compiled) return { ...base, status: 'failed', reason: `the Apex does not compile (line ${result.line ?? '?'}, column ${result.column ?? '?'}): ${result.compileProblem ?? 'no detail'}` };
  if (!result.success) return { ...base, status: 'failed', reason: `the Apex threw: ${result.exceptionMessage ?? 'no detail'}` };
  return { ...base, status: 'done', reason: `scheduled with: ${job.apex}` };
}
