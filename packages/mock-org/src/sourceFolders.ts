import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every folder named `name` (objects, samlssoconfigs, settings…) under an SFDX source dir — one per
 * package directory — in a stable order.
 */
export function findSourceFolders(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.name === name) out.push(full);
    else findSourceFolders(full, name, out);
  }
  return out;
}
