import type { Connection } from '@salesforce/core';
import type { PostDeployConfig } from '../roles/rolesConfig.js';
import { ensureCustomSettingDefault } from './customSettingDefaults.js';
import { ensurePermissionSetAssignment } from './permissionSetAssignments.js';
import { errorText, type PostDeployStep } from './postDeployStep.js';
import { ensureScheduledJob } from './scheduleJob.js';

/** The org and user the deploy ran as: the org default's SetupOwnerId and the assignee. */
async function whoAmI(conn: Connection): Promise<{ orgId: string; userId: string; username: string }> {
  const info = await conn.request<{ user_id: string; organization_id: string; preferred_username: string }>(`${conn.instanceUrl}/services/oauth2/userinfo`);
  return { orgId: info.organization_id, userId: info.user_id, username: info.preferred_username };
}

/**
 * The target role's post-deploy steps, in order: custom setting defaults, permission set
 * assignments (the scheduled job runs as the user who schedules it, so that user needs the
 * runner permission set first), then schedules. Each is idempotent and reports
 * done/skipped/failed; one failure does not stop the rest.
 */
export async function runPostDeploy(conn: Connection, config: PostDeployConfig, onStep?: (step: PostDeployStep) => void): Promise<PostDeployStep[]> {
  const steps: PostDeployStep[] = [];
  const record = (step: PostDeployStep): void => {
    steps.push(step);
    onStep?.(step);
  };
  let me: Awaited<ReturnType<typeof whoAmI>> | undefined;
  let whoAmIError: string | undefined;
  if (config.customSettingDefaults.length > 0 || config.assignToDeployingUser.length > 0) {
    try {
      me = await whoAmI(conn);
    } catch (err) {
      whoAmIError = `could not tell which org and user this is (/services/oauth2/userinfo: ${errorText(err)})`;
    }
  }
  for (const setting of config.customSettingDefaults) {
    record(me ? await ensureCustomSettingDefault(conn, me.orgId, setting) : { step: 'custom-setting-default', subject: setting.object, status: 'failed', reason: whoAmIError! });
  }
  for (const permissionSet of config.assignToDeployingUser) {
    record(me ? await ensurePermissionSetAssignment(conn, { id: me.userId, username: me.username }, permissionSet) : { step: 'permission-set-assignment', subject: permissionSet, status: 'failed', reason: whoAmIError! });
  }
  for (const job of config.schedules) record(await ensureScheduledJob(conn, job));
  return steps;
}
