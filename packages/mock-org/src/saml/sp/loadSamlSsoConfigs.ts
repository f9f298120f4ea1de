import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSourceFolders } from '../../sourceFolders.js';
import { parseSamlSsoConfigXml, type SamlSsoConfig } from './samlSsoConfig.js';

const SUFFIX = '.samlssoconfig-meta.xml';

/** The SAML SSO configs of an SFDX source folder (none when it has no samlssoconfigs folder). */
export function loadSamlSsoConfigs(sourceDir: string | null): SamlSsoConfig[] {
  if (sourceDir === null || !existsSync(sourceDir)) return [];
  return findSourceFolders(sourceDir, 'samlssoconfigs').flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()
      .map((f) => parseSamlSsoConfigXml(readFileSync(join(dir, f), 'utf8'), f.slice(0, -SUFFIX.length), join(dir, f))),
  );
}
