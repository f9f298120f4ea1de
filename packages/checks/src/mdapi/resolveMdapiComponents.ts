import path from 'node:path';
import { MetadataResolver, RegistryAccess, VirtualTreeContainer, type MetadataType, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { parseXml } from '../xml/parseXml.js';
import type { MdapiFiles } from './types.js';

/** A component SDR finds in the package, with its files as paths inside the package root. */
export interface ResolvedComponent {
  type: string;
  fullName: string;
  /** The component's metadata XML file. */
  xml?: string;
  /** Its content file (a .cls), when it is one file. */
  content?: string;
  /**
   * For a child (CustomField, AssignmentRule): the parent's type, the element it sits in (`fields`,
   * `assignmentRule`), the element holding its name (`fullName`) and that name.
   */
  parent?: { type: string; fullName: string; elementName: string; idElement: string; name: string };
}

/**
 * The child components inside a parent's file (the <fields> of objects/Account.object, the
 * <assignmentRule> of assignmentRules/Lead.assignmentRules), read from its XML by the registry's
 * element names (xmlElementName, else the source-format folder name, which is the element name of
 * decomposed types) and id elements. SDR's own getChildren() expects source format.
 */
function childrenIn(parent: SourceComponent, file: Buffer | undefined): ResolvedComponent[] {
  const children = parent.type.children;
  if (!children || !file) return [];
  const byElement = new Map<string, { type: MetadataType; idElement: string }>();
  for (const [directory, id] of Object.entries(children.directories ?? {})) {
    const type = children.types[id];
    if (type) byElement.set(type.xmlElementName ?? directory, { type, idElement: type.uniqueIdElement ?? 'fullName' });
  }
  for (const type of Object.values(children.types)) {
    if (type.xmlElementName && !byElement.has(type.xmlElementName)) byElement.set(type.xmlElementName, { type, idElement: type.uniqueIdElement ?? 'fullName' });
  }
  const parsed = parseXml(file.toString('utf8'));
  // A parent file that does not parse has no readable children; its own XML check reports it.
  if (!parsed.ok) return [];
  const out: ResolvedComponent[] = [];
  for (const element of parsed.root.children) {
    const child = byElement.get(element.name);
    const name = child && element.children.find((e) => e.name === child.idElement)?.text.trim();
    if (!child || !name) continue;
    out.push({
      type: child.type.name,
      // As SDR names children: Account.Tier__c, but a CustomLabel by its own name.
      fullName: child.type.ignoreParentName ? name : `${parent.fullName}.${name}`,
      parent: { type: parent.type.name, fullName: parent.fullName, elementName: element.name, idElement: child.idElement, name },
    });
  }
  return out;
}

/** Where the package's files live in SDR's virtual tree (any absolute folder would do). */
const BASE = '/mdapi-package';

function virtualTree(files: MdapiFiles, root: string): VirtualTreeContainer {
  const dirs = new Map<string, Map<string, Buffer | undefined>>([[BASE, new Map()]]);
  const dirOf = (p: string): Map<string, Buffer | undefined> => {
    let d = dirs.get(p);
    if (!d) {
      d = new Map();
      dirs.set(p, d);
    }
    return d;
  };
  for (const [name, data] of files) {
    if (!name.startsWith(root)) continue;
    const parts = name.slice(root.length).split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = path.posix.join(BASE, ...parts.slice(0, i));
      dirOf(parent).set(parts[i]!, i === parts.length - 1 ? data : undefined);
      if (i < parts.length - 1) dirOf(path.posix.join(parent, parts[i]!));
    }
  }
  return new VirtualTreeContainer([...dirs].map(([dirPath, children]) => ({ dirPath, children: [...children].map(([name, data]) => (data ? { name, data } : name)) })));
}

const inPackage = (p: string | undefined): string | undefined => (p ? path.posix.relative(BASE, p) : undefined);

/**
 * Every component in a metadata-format package, as SDR's resolver reads the format (folders,
 * suffixes, bundles, children inside a parent's file). A folder SDR cannot read is skipped: what
 * package.xml names there is then reported as not found.
 */
export function resolveMdapiComponents(files: MdapiFiles, root: string): ResolvedComponent[] {
  const registry = new RegistryAccess();
  const tree = virtualTree(files, root);
  const resolver = new MetadataResolver(registry, tree);
  const out: ResolvedComponent[] = [];
  for (const dir of tree.readDirectory(BASE)) {
    const full = path.posix.join(BASE, dir);
    if (!tree.isDirectory(full)) continue;
    let components: SourceComponent[];
    try {
      components = resolver.getComponentsFromPath(full);
    } catch {
      continue;
    }
    for (const c of components) {
      const xml = inPackage(c.xml);
      const content = c.content && !tree.isDirectory(c.content) ? inPackage(c.content) : undefined;
      out.push({ type: c.type.name, fullName: c.fullName, ...(xml ? { xml } : {}), ...(content ? { content } : {}) });
      for (const child of childrenIn(c, files.get(`${root}${xml ?? ''}`))) out.push({ ...child, ...(xml ? { xml } : {}) });
    }
  }
  return out;
}

/** True for type names the registry knows (top-level and child types). */
export function isKnownTypeName(name: string): boolean {
  const registry = new RegistryAccess();
  try {
    registry.getTypeByName(name);
    return true;
  } catch {
    return false;
  }
}

/** The folder type of a type that lives in folders (Report → ReportFolder), else undefined. */
export function folderTypeName(name: string): string | undefined {
  const registry = new RegistryAccess();
  try {
    const folderType = registry.getTypeByName(name).folderType;
    return folderType ? registry.getTypeByName(folderType).name : undefined;
  } catch {
    return undefined;
  }
}
