import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { XmlElement } from '@orgkit/checks/xml';
import { readSourceXml } from '../../schema/sourceSchema.js';
import { findSourceFolders } from '../../sourceFolders.js';

const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);

/**
 * Setup → Single Sign-On Settings → "SAML Enabled" as SecuritySettings carries it:
 * `singleSignOnSettings/enableSamlLogin`. Undefined when the settings leave it out (a deploy
 * that omits it leaves the org's value as it was).
 */
export function samlEnabledIn(securitySettings: XmlElement): boolean | undefined {
  const value = child(child(securitySettings, 'singleSignOnSettings'), 'enableSamlLogin')?.text.trim();
  return value ? value === 'true' : undefined;
}

/** "SAML Enabled" as the source folder's Security settings say it (undefined: no file, or silent). */
export function samlEnabledInSource(sourceDir: string | null): boolean | undefined {
  if (sourceDir === null || !existsSync(sourceDir)) return undefined;
  for (const dir of findSourceFolders(sourceDir, 'settings')) {
    const file = join(dir, 'Security.settings-meta.xml');
    if (existsSync(file)) return samlEnabledIn(readSourceXml(file));
  }
  return undefined;
}
