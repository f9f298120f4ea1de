import path from 'node:path';
import { MetadataResolver, RegistryAccess } from '@salesforce/source-deploy-retrieve';

/** What SDR says a `-meta.xml` file is, and which root elements that allows. */
export type SourceType =
  /** SDR resolved the file as the metadata XML of a component of type `typeName`. */
  | { kind: 'metadata'; typeName: string; roots: string[] }
  /** SDR resolved the file as part of a component's content (e.g. a file in a static resource folder). */
  | { kind: 'content' }
  /** .forceignore excludes the file: it never deploys. */
  | { kind: 'ignored' }
  /** SDR could not resolve the file; the sdr check reports why. */
  | { kind: 'unresolved' };

/** Maps source files to metadata types through SDR's registry and resolver, as the CLI does. */
export interface SourceTypeResolver {
  typeOf(file: string): SourceType;
  /** True for any type name SDR's registry knows (including child types such as CustomField). */
  isRegistryType(name: string): boolean;
}

export function createSourceTypeResolver(): SourceTypeResolver {
  const registry = new RegistryAccess();
  // The resolver needs directory context (bundles, decomposed children, shared suffixes such as
  // `.settings`/`.policy`), which a suffix table alone gets wrong. It also applies .forceignore.
  const resolver = new MetadataResolver(registry);
  const typeNames = new Set<string>();
  for (const type of Object.values(registry.getRegistry().types)) {
    typeNames.add(type.name);
    for (const child of Object.values(type.children?.types ?? {})) typeNames.add(child.name);
  }

  return {
    isRegistryType: (name) => typeNames.has(name),
    typeOf(file) {
      let components;
      try {
        components = resolver.getComponentsFromPath(file);
      } catch {
        return { kind: 'unresolved' };
      }
      const component = components.find((c) => c.xml && path.resolve(c.xml) === path.resolve(file));
      // The resolver returns nothing for a .forceignore'd path.
      if (!component) return components.length ? { kind: 'content' } : { kind: 'ignored' };
      const type = component.type;
      const roots = [type.name];
      // One registry type `Settings` covers every settings file: Account.settings-meta.xml holds <AccountSettings>.
      if (type.name === 'Settings') roots[0] = `${component.name}Settings`;
      // Alias types (EmailTemplateFolder → EmailFolder) deploy as the type they stand for.
      if (type.aliasFor) roots.push(registry.getTypeByName(type.aliasFor).name);
      return { kind: 'metadata', typeName: roots[0]!, roots };
    },
  };
}
