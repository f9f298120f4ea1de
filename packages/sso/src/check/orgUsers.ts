import type { Connection } from 'jsforce';

/** An active user as the SSO checks see it. */
export interface OrgUser {
  id: string;
  username: string;
  /** null or '' when blank. */
  federationIdentifier: string | null;
}

interface UserRow {
  Id: string;
  Username: string;
  FederationIdentifier: string | null;
}

/** Every row of a query, following nextRecordsUrl past the first batch. */
async function queryAll<T extends object>(conn: Connection, soql: string): Promise<T[]> {
  let result = await conn.query<T>(soql);
  const records = [...result.records];
  while (!result.done && result.nextRecordsUrl) {
    result = await conn.queryMore<T>(result.nextRecordsUrl);
    records.push(...result.records);
  }
  return records;
}

const FIELDS = 'Id, Username, FederationIdentifier';
const toUser = (row: UserRow): OrgUser => ({ id: row.Id, username: row.Username, federationIdentifier: row.FederationIdentifier });

async function users(conn: Connection, where: string): Promise<OrgUser[]> {
  return (await queryAll<UserRow>(conn, `SELECT ${FIELDS} FROM User WHERE IsActive = true AND ${where} ORDER BY Username`)).map(toUser);
}

/**
 * Active users holding the IsSsoEnabled permission, through a permission set or their profile
 * (two queries: SOQL refuses a semi-join inside OR).
 */
export async function activeSsoUsers(conn: Connection): Promise<OrgUser[]> {
  const [viaPermissionSet, viaProfile] = await Promise.all([
    users(conn, 'Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsIsSsoEnabled = true)'),
    users(conn, 'Profile.PermissionsIsSsoEnabled = true'),
  ]);
  const byId = new Map([...viaPermissionSet, ...viaProfile].map((u) => [u.id, u]));
  return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
}

/** Active users with a Federation ID, SSO-enabled or not: a SAML login can land on any of them. */
export function activeFederatedUsers(conn: Connection): Promise<OrgUser[]> {
  return users(conn, 'FederationIdentifier != null');
}

/** Active users with the System Administrator profile. */
export function activeSystemAdministrators(conn: Connection): Promise<OrgUser[]> {
  return users(conn, "Profile.Name = 'System Administrator'");
}
