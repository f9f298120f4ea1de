import type { Connection } from '@salesforce/core';
import { errorText, type PostDeployStep } from './postDeployStep.js';
import { soqlString } from './soql.js';

/** Assigns a permission set to a user unless the assignment already exists. */
export async function ensurePermissionSetAssignment(conn: Connection, user: { id: string; username: string }, permissionSet: string): Promise<PostDeployStep> {
  const base = { step: 'permission-set-assignment' as const, subject: `${permissionSet} → ${user.username}` };
  try {
    const sets = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = ${soqlString(permissionSet)}`);
    const setId = sets.records[0]?.Id;
    if (!setId) return { ...base, status: 'failed', reason: `permission set ${permissionSet} is not in the org: deploy it (target role) first` };
    const assigned = await conn.query<{ Id: string }>(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(user.id)} AND PermissionSetId = ${soqlString(setId)}`);
    if (assigned.records.length > 0) return { ...base, status: 'skipped', reason: 'already assigned' };
    const created = await conn.sobject('PermissionSetAssignment').create({ AssigneeId: user.id, PermissionSetId: setId });
    if (!created.success) return { ...base, status: 'failed', reason: `not assigned: ${JSON.stringify(created.errors)}` };
    return { ...base, status: 'done', reason: `assigned (${created.id})` };
  } catch (err) {
    return { ...base, status: 'failed', reason: errorText(err) };
  }
}
