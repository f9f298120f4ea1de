import { validateElement } from '../metadataSchema/validateElement.js';
import { parseXml, type XmlElement } from '../xml/parseXml.js';
import { apexSyntaxProblem } from './apexSyntax.js';
import { noPackageXml, notFoundInZip, readPackageManifest } from './packageManifest.js';
import { readMdapiDir, readMdapiZip } from './readMdapiFiles.js';
import { folderTypeName, isKnownTypeName, resolveMdapiComponents, type ResolvedComponent } from './resolveMdapiComponents.js';
import type { MdapiComponent, MdapiFiles, MdapiPackageReport } from './types.js';

export type MdapiSource = { zip: Buffer } | { dir: string } | { files: MdapiFiles };

/** package.xml at the top, or in the one top-level folder (SDR zips an mdapi folder under `zip/`). */
function findRoot(files: MdapiFiles): string | undefined {
  if (files.has('package.xml')) return '';
  const roots = new Set([...files.keys()].map((f) => f.split('/')[0]!));
  const only = roots.size === 1 ? [...roots][0] : undefined;
  return only !== undefined && files.has(`${only}/package.xml`) ? `${only}/` : undefined;
}

const key = (type: string, fullName: string): string => `${type}#${fullName}`.toLowerCase();
const childText = (el: XmlElement, name: string): string | undefined => el.children.find((c) => c.name === name)?.text.trim();

/** The root element a type's file must have: Security.settings holds <SecuritySettings>. */
const expectedRoot = (c: ResolvedComponent): string => (c.type === 'Settings' ? `${c.fullName}Settings` : c.type);

interface ParsedFile {
  root?: XmlElement;
  problems: { line: number; column: number; message: string }[];
}

function checkXmlFile(text: string, owner: ResolvedComponent): ParsedFile {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.problem;
    return { problems: [{ line, column, message: `Error parsing file: ${message}` }] };
  }
  const root = parsed.root;
  if (root.name !== expectedRoot(owner)) {
    return { root, problems: [{ line: root.line, column: root.column, message: `Error parsing file: the root element is <${root.name}>, but a ${owner.type} file holds <${expectedRoot(owner)}>` }] };
  }
  return { root, problems: validateElement(root, root.name).map((p) => ({ ...p, message: `Error parsing file: ${p.message}` })) };
}

/** The child component (a field in an object file) whose element holds `line`, if any. */
function ownerAt(root: XmlElement, line: number, column: number, children: ResolvedComponent[]): ResolvedComponent | undefined {
  const top = root.children.filter((c) => c.line < line || (c.line === line && c.column <= column)).at(-1);
  if (!top) return undefined;
  return children.find((c) => c.parent!.elementName === top.name && childText(top, c.parent!.idElement) === c.parent!.name);
}

/**
 * Checks a metadata-format (mdapi) deploy package as the Metadata API would before it deploys
 * anything: package.xml present and valid, every member it names present (and unknown type names),
 * every named component's XML well-formed (DOCTYPE refused), rooted in its type and valid against
 * the type schema, Apex classes and triggers free of syntax errors. Problems are shaped as
 * DeployMessages (fileName inside the package, 1-based line and column, Salesforce's wording
 * where it is known). Files package.xml does not name are not deployed and not checked.
 */
export async function validateMdapiPackage(source: MdapiSource): Promise<MdapiPackageReport> {
  const files = 'zip' in source ? await readMdapiZip(source.zip) : 'dir' in source ? await readMdapiDir(source.dir) : source.files;
  const root = findRoot(files);
  if (root === undefined) return { ok: false, root: '', components: [], problems: [noPackageXml()] };
  const packageFile = `${root}package.xml`;
  const { manifest, problems } = readPackageManifest(files.get(packageFile)!.toString('utf8'), packageFile);
  if (!manifest) return { ok: false, root, components: [], problems };

  const resolved = resolveMdapiComponents(files, root);
  const byKey = new Map(resolved.map((c) => [key(c.type, c.fullName), c]));
  /**
   * A member as package.xml names it. Folders are named under their content type: Report member
   * `Lead_Management` (SDR writes `Lead_Management/`) is the ReportFolder in reports/Lead_Management-meta.xml.
   */
  const lookup = (type: string, member: string): ResolvedComponent | undefined => {
    const direct = byKey.get(key(type, member));
    if (direct) return direct;
    const folderType = folderTypeName(type);
    const folder = member.replace(/\/$/, '');
    return folderType && !folder.includes('/') ? byKey.get(key(folderType, folder)) : undefined;
  };
  const named: ResolvedComponent[] = [];
  for (const { name: type, members } of manifest.types) {
    if (!isKnownTypeName(type)) {
      problems.push({ componentType: '', fullName: type, fileName: packageFile, problem: `Unknown type name '${type}' specified in package.xml`, problemType: 'Error' });
      continue;
    }
    for (const member of members) {
      const found = member === '*' ? resolved.filter((c) => c.type.toLowerCase() === type.toLowerCase()) : [lookup(type, member)].filter((c) => c !== undefined);
      if (member !== '*' && found.length === 0) problems.push(notFoundInZip(packageFile, type, member));
      for (const c of found) if (!named.includes(c)) named.push(c);
    }
  }

  // Each XML file once, even when it holds several named components (an object file and its fields).
  const elements = new Map<ResolvedComponent, XmlElement>();
  const xmlFiles = new Map<string, ResolvedComponent[]>();
  for (const c of named) if (c.xml) xmlFiles.set(c.xml, [...(xmlFiles.get(c.xml) ?? []), c]);
  for (const [xml, owners] of xmlFiles) {
    const parent = owners.find((o) => !o.parent) ?? resolved.find((r) => !r.parent && r.xml === xml) ?? owners[0]!;
    const children = resolved.filter((r) => r.parent && r.xml === xml);
    const checked = checkXmlFile(files.get(`${root}${xml}`)!.toString('utf8'), parent);
    for (const p of checked.problems) {
      const owner = (checked.root && ownerAt(checked.root, p.line, p.column, children)) ?? parent;
      problems.push({ componentType: owner.type, fullName: owner.fullName, fileName: `${root}${xml}`, problem: p.message, problemType: 'Error', lineNumber: p.line, columnNumber: p.column });
    }
    if (!checked.root) continue;
    elements.set(parent, checked.root);
    for (const child of children) {
      const element = checked.root.children.find((e) => e.name === child.parent!.elementName && childText(e, child.parent!.idElement) === child.parent!.name);
      if (element) elements.set(child, element);
    }
  }

  const components: MdapiComponent[] = [];
  for (const c of named) {
    const contentText = c.content ? files.get(`${root}${c.content}`)?.toString('utf8') : undefined;
    if (contentText !== undefined && (c.type === 'ApexClass' || c.type === 'ApexTrigger')) {
      const p = apexSyntaxProblem(contentText, c.type === 'ApexClass' ? 'class' : 'trigger');
      if (p) {
        problems.push({ componentType: c.type, fullName: c.fullName, fileName: `${root}${c.content}`, problem: p.message, problemType: 'Error', lineNumber: p.line, columnNumber: p.column });
      }
    }
    const element = elements.get(c);
    const xmlText = c.xml ? files.get(`${root}${c.xml}`)?.toString('utf8') : undefined;
    components.push({
      type: c.type,
      fullName: c.fullName,
      fileName: `${root}${c.content ?? c.xml ?? ''}`,
      ...(xmlText !== undefined ? { xml: xmlText } : {}),
      ...(element ? { element } : {}),
      ...(contentText !== undefined ? { content: contentText } : {}),
    });
  }
  return { ok: !problems.some((p) => p.problemType === 'Error'), root, ...(manifest.version ? { version: manifest.version } : {}), components, problems };
}
