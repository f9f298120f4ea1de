import type { OrgState } from '../../org.js';
import { formatDatetime } from '../../records/datetime.js';
import { createRecord } from '../../records/recordService.js';

export interface LoginHistoryEntry {
  userId?: string;
  loginType: string;
  status: string;
  sourceIp?: string;
  userAgent?: string;
}

const browserOf = (ua: string | undefined): string => (!ua ? 'Unknown' : /Chrome\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /node|undici/i.test(ua) ? 'Node' : 'Unknown');

/** Writes one LoginHistory row, as Salesforce does for every login attempt, successful or not. */
export function recordLogin(org: OrgState, entry: LoginHistoryEntry): void {
  const def = org.schema.object('LoginHistory')!;
  const actor = entry.userId ?? org.users[0]!.id;
  org.store.transaction(() =>
    createRecord({ org, userId: actor, system: true }, def, {
      UserId: entry.userId ?? null,
      LoginTime: formatDatetime(org.now()),
      LoginType: entry.loginType,
      Status: entry.status,
      SourceIp: entry.sourceIp ?? null,
      Application: 'Browser',
      Browser: browserOf(entry.userAgent),
      Platform: 'Unknown',
      LoginUrl: new URL(org.instanceUrl).host,
    }),
  );
}
