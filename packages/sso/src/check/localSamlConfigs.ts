import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '@orgkit/checks/xml';
import { SsoCheckError } from './ssoCheckError.js';

/** The parts of a SamlSsoConfig source file the checks read. */
export interface LocalSamlConfig {
  /** The file name without `.samlssoconfig-meta.xml` (the config's API name). */
  fullName: string;
  file: string;
  /** `<validationCert>`: base64 DER; undefined when the element is missing or empty. */
  validationCert?: string;
}

const SUFFIX = '.samlssoconfig-meta.xml';

/** Every `samlssoconfigs` folder under the source folder (several package directories allowed). */
function findConfigDirs(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.name === 'samlssoconfigs') out.push(full);
    else findConfigDirs(full, out);
  }
  return out;
}

/** Reads the SamlSsoConfig files of an SFDX source folder (e.g. force-app), sorted by path. */
export function readLocalSamlConfigs(sourceDir: string): LocalSamlConfig[] {
  if (!statSync(sourceDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SsoCheckError('SOURCE_NOT_FOUND', `Source folder not found: ${sourceDir}. Pass --source <dir> with your SamlSsoConfig files (default force-app).`);
  }
  const files = findConfigDirs(sourceDir).flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => join(dir, f)));
  return files.sort().map((file) => {
    const parsed = parseXml(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new SsoCheckError('SSO_CONFIG_INVALID', `${file}:${parsed.problem.line}: ${parsed.problem.message}. Fix the XML (orgkit sso import writes a valid file).`);
    const cert = parsed.root.children.find((c) => c.name === 'validationCert')?.text.replace(/\s+/g, '');
    return { fullName: file.slice(file.lastIndexOf('/') + 1, -SUFFIX.length), file, ...(cert ? { validationCert: cert } : {}) };
  });
}
