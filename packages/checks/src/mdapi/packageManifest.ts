import { validateElement } from '../metadataSchema/validateElement.js';
import { parseXml } from '../xml/parseXml.js';
import type { MdapiProblem } from './types.js';

/** package.xml as a deploy reads it: the members of each type, in file order. */
export interface PackageManifest {
  version?: string;
  types: { name: string; members: string[] }[];
}

const packageProblem = (fileName: string, problem: string, at: { line?: number; column?: number } = {}): MdapiProblem => ({
  componentType: '',
  fullName: 'package.xml',
  fileName,
  problem,
  problemType: 'Error',
  ...(at.line !== undefined ? { lineNumber: at.line } : {}),
  ...(at.column !== undefined ? { columnNumber: at.column } : {}),
});

/** Reads package.xml; a file that does not parse or is not a Package gives problems and no manifest. */
export function readPackageManifest(xml: string, fileName: string): { manifest?: PackageManifest; problems: MdapiProblem[] } {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const { message, line, column } = parsed.problem;
    return { problems: [packageProblem(fileName, `Error parsing file: ${message}`, { line, column })] };
  }
  const root = parsed.root;
  if (root.name !== 'Package') return { problems: [packageProblem(fileName, `Error parsing file: the root element is <${root.name}>, not <Package>`, root)] };
  const problems = validateElement(root, 'Package').map((p) => packageProblem(fileName, `Error parsing file: ${p.message}`, p));
  const text = (el: { children: { name: string; text: string }[] }, name: string): string | undefined => el.children.find((c) => c.name === name)?.text.trim();
  const types = root.children
    .filter((c) => c.name === 'types')
    .map((t) => ({ name: text(t, 'name') ?? '', members: t.children.filter((c) => c.name === 'members').map((m) => m.text.trim()) }));
  const version = text(root, 'version');
  return { manifest: { ...(version ? { version } : {}), types }, problems };
}

/** Salesforce's words for a member package.xml names that the zip lacks. */
export const notFoundInZip = (fileName: string, type: string, member: string): MdapiProblem => ({
  componentType: type,
  fullName: member,
  fileName,
  problem: `An object '${member}' of type ${type} was named in package.xml, but was not found in zipped directory`,
  problemType: 'Error',
});

export const noPackageXml = (): MdapiProblem => packageProblem('package.xml', 'No package.xml found');
