import { existsSync } from 'node:fs';
import path from 'node:path';
import { ForceIgnore, MetadataResolver, RegistryAccess, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { listSourceFiles, relativeToProject } from '../projectFiles.js';
import type { Check, CheckContext, Finding } from '../types.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

/** What SDR throws: an SfError with a name such as TypeInferenceError and optional `actions`. */
interface SdrError {
  name?: string;
  message?: string;
  actions?: string[];
}

function finding(ctx: CheckContext, file: string, message: string, rule?: string): Finding {
  return { check: 'sdr', severity: 'error', file: relativeToProject(ctx.projectDir, file), message, ...(rule ? { rule } : {}) };
}

function unresolvable(ctx: CheckContext, guess = ''): string {
  const where = relativeToProject(ctx.projectDir, ctx.sourceDir);
  return `resolves to no metadata type, so a deploy skips or rejects it.${guess} Move it out of ${where}, fix its suffix, or add it to .forceignore`;
}

/** SDR's messages start with the absolute path, which the finding already names; other paths become relative. */
function describeSdrError(err: SdrError, file: string, ctx: CheckContext): string {
  const message = (err.message ?? String(err))
    .replace(`${file}: `, '')
    .replaceAll(`${path.resolve(ctx.projectDir)}${path.sep}`, '')
    .replace(/ undefined$/, '')
    .trim();
  const guesses = (err.actions ?? []).filter((a) => a.startsWith('-- Did you mean'));
  switch (err.name) {
    case 'TypeInferenceError': {
      // One or two close suffixes are a useful hint; SDR's long lists of guesses are not.
      const hint = guesses.length > 0 && guesses.length <= 2 ? ` ${guesses.map((g) => g.replace(/^-- /, '')).join(' ')}` : '';
      return unresolvable(ctx, hint);
    }
    case 'ExpectedSourceFilesError':
      return `${message}: this -meta.xml has no content file next to it; add the content file or delete the -meta.xml`;
    default:
      return `SDR cannot resolve this file: ${message}`;
  }
}

/** Every file a component deploys from, so a bundle's other files need not be resolved again. */
function filesOf(component: SourceComponent): string[] {
  return [...(component.xml ? [component.xml] : []), ...component.walkContent()];
}

/**
 * Resolves each file under the package directory the way `sf project deploy` would, and reports
 * the files that would not deploy: no metadata type, a -meta.xml without its content, a content
 * file without its -meta.xml.
 */
async function resolveSourceFiles(ctx: CheckContext): Promise<Finding[]> {
  // The same .forceignore lookup SDR does itself (upwards from the package directory).
  const forceIgnore = ForceIgnore.findAndCreate(ctx.sourceDir);
  const resolver = new MetadataResolver(new RegistryAccess(undefined, ctx.projectDir));
  const covered = new Set<string>();
  const findings: Finding[] = [];

  for (const file of await listSourceFiles(ctx.sourceDir)) {
    if (covered.has(file) || forceIgnore.denies(file)) continue;
    let components: SourceComponent[];
    try {
      components = resolver.getComponentsFromPath(file);
    } catch (err) {
      const sdrError = err as SdrError;
      findings.push(finding(ctx, file, describeSdrError(sdrError, file, ctx), sdrError.name));
      continue;
    }
    if (components.length === 0) {
      findings.push(finding(ctx, file, unresolvable(ctx)));
      continue;
    }
    for (const component of components) {
      // Resolving a content file names its -meta.xml whether or not it exists; a deploy skips it when missing.
      if (component.xml && !existsSync(component.xml)) {
        findings.push(
          finding(
            ctx,
            file,
            `${component.type.name} ${component.fullName} has no ${path.basename(component.xml)}, so it would not deploy; add the -meta.xml next to it`,
            'MissingMetadataXml',
          ),
        );
      }
      for (const f of filesOf(component)) covered.add(f);
    }
  }
  return findings;
}

export const sdrCheck: Check = {
  name: 'sdr',
  description: CHECK_DESCRIPTIONS.sdr,
  run: resolveSourceFiles,
};
