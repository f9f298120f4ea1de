import { createRecord, liveMatches, requireObject, updateRecord } from '../../records/recordService.js';
import type { OrgState } from '../../org.js';
import type { SamlSsoConfig } from './samlSsoConfig.js';

/**
 * Keeps a config as a SamlSsoConfig record, as a deploy leaves it in a real org, so clients
 * (orgkit sso check) read the deployed configs with SOQL. Upserted by DeveloperName, so a
 * restart with a dataDir or a second register() updates instead of duplicating.
 */
export function saveSamlSsoConfigRecord(org: OrgState, config: SamlSsoConfig): void {
  const def = requireObject(org, 'SamlSsoConfig');
  const ctx = { org, userId: org.users[0]!.id, system: true };
  const fields = {
    DeveloperName: config.name,
    MasterLabel: config.name,
    Issuer: config.issuer,
    Audience: config.samlEntityId,
    LoginUrl: config.loginUrl ?? null,
    IdentityMapping: config.identityMapping,
    IdentityLocation: config.identityLocation,
    AttributeName: config.attributeName ?? null,
    ValidationCert: config.validationCert,
  };
  org.store.transaction(() => {
    const existing = liveMatches({ org }, 'SamlSsoConfig', 'DeveloperName', config.name)[0];
    if (existing) updateRecord(ctx, def, existing.Id as string, fields);
    else createRecord(ctx, def, fields);
  });
}
