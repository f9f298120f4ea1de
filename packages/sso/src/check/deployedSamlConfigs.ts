import type { Connection } from 'jsforce';
import type { LocalSamlConfig } from './localSamlConfigs.js';

/**
 * The SamlSsoConfigs deployed in the org (the queryable SamlSsoConfig object), in the shape the
 * certificate check reads: a certificate can be replaced in Setup without touching source.
 */
export async function readDeployedSamlConfigs(conn: Connection): Promise<LocalSamlConfig[]> {
  const result = await conn.query<{ DeveloperName: string; ValidationCert: string | null }>('SELECT DeveloperName, ValidationCert FROM SamlSsoConfig ORDER BY DeveloperName');
  return result.records.map((r) => ({
    fullName: `${r.DeveloperName} (deployed)`,
    file: `the org's SamlSsoConfig ${r.DeveloperName}`,
    ...(r.ValidationCert ? { validationCert: r.ValidationCert.replace(/\s+/g, '') } : {}),
  }));
}
