import type { Connection } from '@salesforce/core';
import type { CustomSettingDefault } from '../roles/rolesConfig.js';
import { errorText, type PostDeployStep } from './postDeployStep.js';
import { soqlString } from './soql.js';

/** Creates a hierarchy custom setting's org default (SetupOwnerId = the org) only when there is none. */
export async function ensureCustomSettingDefault(conn: Connection, orgId: string, setting: CustomSettingDefault): Promise<PostDeployStep> {
  const base = { step: 'custom-setting-default' as const, subject: setting.object };
  try {
    const existing = await conn.query<{ Id: string }>(`SELECT Id FROM ${setting.object} WHERE SetupOwnerId = ${soqlString(orgId)}`);
    if (existing.records.length > 0) return { ...base, status: 'skipped', reason: `org default exists (${existing.records[0]!.Id}); left as it is` };
    const created = await conn.sobject(setting.object).create({ SetupOwnerId: orgId, ...setting.values });
    if (!created.success) return { ...base, status: 'failed', reason: `not created: ${JSON.stringify(created.errors)}` };
    return { ...base, status: 'done', reason: `org default created (${created.id}): ${Object.entries(setting.values).map(([k, v]) => `${k}=${String(v)}`).join(', ')}` };
  } catch (err) {
    return { ...base, status: 'failed', reason: errorText(err) };
  }
}
