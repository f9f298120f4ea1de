import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '@orgkit/checks/xml';

/** The first `settings/Security.settings-meta.xml` under the source folder, if any. */
function findSecuritySettings(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    const file = join(full, 'Security.settings-meta.xml');
    if (entry.name === 'settings' && statSync(file, { throwIfNoEntry: false })) return file;
    const found = findSecuritySettings(full);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether the source's Security settings turn on `enableCaseInsensitiveFederationID`
 * (Salesforce's default is off: Federation IDs match case-sensitively).
 */
export function sourceHasCaseInsensitiveFederationIds(sourceDir: string): boolean {
  const file = findSecuritySettings(sourceDir);
  if (!file) return false;
  const parsed = parseXml(readFileSync(file, 'utf8'));
  if (!parsed.ok) return false;
  const sso = parsed.root.children.find((c) => c.name === 'singleSignOnSettings');
  return sso?.children.find((c) => c.name === 'enableCaseInsensitiveFederationID')?.text.trim() === 'true';
}
