import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSamlSsoConfigXml, type SamlSsoConfig } from './samlSsoConfig.js';

const SUFFIX = '.samlssoconfig-meta.xml';

/** Every `samlssoconfigs` folder under the source dir (one per package directory). */
function findConfigDirs(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.name === 'samlssoconfigs') out.push(full);
    else findConfigDirs(full, out);
  }
  return out;
}

/** The SAML SSO configs of an SFDX source folder (none when it has no samlssoconfigs folder). */
export function loadSamlSsoConfigs(sourceDir: string | null): SamlSsoConfig[] {
  if (sourceDir === null || !existsSync(sourceDir)) return [];
  return findConfigDirs(sourceDir).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()
      .map((f) => parseSamlSsoConfigXml(readFileSync(join(dir, f), 'utf8'), f.slice(0, -SUFFIX.length), join(dir, f))),
  );
}
