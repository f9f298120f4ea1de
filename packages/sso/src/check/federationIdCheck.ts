import type { SsoFinding } from './findings.js';
import type { OrgUser } from './orgUsers.js';

export interface FederationIdInput {
  ssoUsers: OrgUser[];
  /** Active users with a Federation ID (duplicates and IdP matches look at all of them). */
  federatedUsers: OrgUser[];
  /** The identities of the IdP user export, when one was given. */
  idpIds?: string[];
  /** The org matches Federation IDs case-insensitively (Security settings enableCaseInsensitiveFederationID). */
  caseInsensitive: boolean;
}

const finding = (severity: SsoFinding['severity'], code: string, subject: string, message: string): SsoFinding => ({ check: 'federation-ids', severity, code, subject, message });
const blank = (id: string | null): boolean => !id || id.trim() === '';

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Exact duplicates are always errors. Case-only duplicates (alice@x / Alice@x) are errors when the
 * org matches case-insensitively (it can't tell them apart) and warnings otherwise (an IdP that
 * changes the case logs the wrong person in, or nobody).
 */
function duplicateFindings(users: OrgUser[], caseInsensitive: boolean): SsoFinding[] {
  const out: SsoFinding[] = [];
  const withId = users.filter((u) => !blank(u.federationIdentifier));
  for (const group of groupBy(withId, (u) => u.federationIdentifier!.toLowerCase()).values()) {
    if (group.length < 2) continue;
    const exact = new Set(group.map((u) => u.federationIdentifier)).size < group.length;
    const names = group.map((u) => `${u.username} (${u.federationIdentifier})`).join(', ');
    const subject = [...new Set(group.map((u) => u.federationIdentifier!))].sort().join(' / ');
    if (exact || caseInsensitive) {
      out.push(finding('error', 'FEDERATION_ID_DUPLICATE', subject, `Active users share this Federation ID${exact ? '' : ' (the org ignores case)'}: ${names}. Give each user their own Federation ID.`));
    } else {
      out.push(finding('warning', 'FEDERATION_ID_CASE_DUPLICATE', subject, `Federation IDs differ only by case: ${names}. An IdP that changes the case logs in the wrong user; make them distinct.`));
    }
  }
  return out;
}

/** Blank, duplicated and IdP-mismatched Federation IDs, and IdP users Salesforce doesn't know. */
export function federationIdFindings(input: FederationIdInput): SsoFinding[] {
  const fold = (id: string): string => (input.caseInsensitive ? id.toLowerCase() : id);
  const out: SsoFinding[] = [];
  for (const user of input.ssoUsers.filter((u) => blank(u.federationIdentifier))) {
    out.push(finding('error', 'FEDERATION_ID_BLANK', user.username, 'This SSO user has no Federation ID, so no SAML assertion can log them in. Set it to the value the IdP sends as NameID.'));
  }
  out.push(...duplicateFindings(input.federatedUsers, input.caseInsensitive));
  if (!input.idpIds) return out;
  const idp = new Set(input.idpIds.map(fold));
  const idpLower = new Map(input.idpIds.map((id) => [id.toLowerCase(), id]));
  for (const user of input.ssoUsers.filter((u) => !blank(u.federationIdentifier))) {
    const id = user.federationIdentifier!;
    if (idp.has(fold(id))) continue;
    const caseOnly = idpLower.get(id.toLowerCase());
    out.push(
      caseOnly
        ? finding('error', 'FEDERATION_ID_CASE_MISMATCH', user.username, `Federation ID ${id} differs in case from the IdP's ${caseOnly} and the org matches case-sensitively: make them equal, or enable case-insensitive Federation IDs.`)
        : finding('error', 'FEDERATION_ID_NOT_AT_IDP', user.username, `Federation ID ${id} is not in the IdP user export: fix the Federation ID or add the user at the IdP.`),
    );
  }
  const known = new Set(input.federatedUsers.map((u) => u.federationIdentifier!.toLowerCase()));
  const exact = new Set(input.federatedUsers.map((u) => fold(u.federationIdentifier!)));
  for (const id of new Set(input.idpIds)) {
    if (exact.has(fold(id)) || known.has(id.toLowerCase())) continue;
    out.push(finding('warning', 'IDP_USER_NO_MATCH', id, 'This IdP user matches no active Salesforce user\'s Federation ID: their SAML login will fail. Set the Federation ID on their user, or ignore if they need no Salesforce access.'));
  }
  return out;
}
