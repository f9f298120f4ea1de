import { readFile } from 'node:fs/promises';
import { isSchemaType } from '../metadataSchema/apiSchemas.js';
import { createSourceTypeResolver, type SourceType, type SourceTypeResolver } from '../metadataSchema/sourceType.js';
import { validateElement } from '../metadataSchema/validateElement.js';
import { listSourceFiles, relativeToProject } from '../projectFiles.js';
import type { Check, CheckContext, Finding } from '../types.js';
import { parseXml, type XmlElement } from '../xml/parseXml.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

type Problem = Omit<Finding, 'check' | 'file'>;

/**
 * The root element must name a metadata type, and the one SDR resolves the file to (its suffix
 * and folder). Returns the problem, or undefined when the content can be validated as the root.
 * The namespace is not checked: files the VS Code extensions create carry the Tooling API's
 * (xmlns="urn:metadata.tooling.soap.sforce.com") and deploy fine.
 */
function rootProblem(root: XmlElement, resolved: SourceType, types: SourceTypeResolver): Problem | undefined {
  const at = { severity: 'error' as const, line: root.line, column: root.column };
  const known = isSchemaType(root.name) || types.isRegistryType(root.name);
  if (resolved.kind === 'metadata' && !resolved.roots.includes(root.name)) {
    const what = known ? `<${root.name}>` : `<${root.name}> (not a metadata type)`;
    return { ...at, message: `${what} is the root element, but this file holds a ${resolved.typeName}: expected <${resolved.roots.join('> or <')}>` };
  }
  return known ? undefined : { ...at, message: `<${root.name}> is not a metadata type` };
}

async function checkFile(file: string, types: SourceTypeResolver): Promise<Problem[]> {
  const resolved = types.typeOf(file);
  // Content that happens to end in -meta.xml (inside a static resource) and .forceignore'd files never deploy as metadata.
  if (resolved.kind === 'content' || resolved.kind === 'ignored') return [];
  const parsed = parseXml(await readFile(file, 'utf8'));
  if (!parsed.ok) {
    const { kind, message, line, column } = parsed.problem;
    return [{ severity: 'error', line, column, message: kind === 'doctype' ? message : `malformed XML: ${message}` }];
  }
  const problem = rootProblem(parsed.root, resolved, types);
  if (problem) return [problem];
  return validateElement(parsed.root, parsed.root.name).map((p) => ({ severity: 'error', ...p }));
}

/** Every `*-meta.xml` checked against the Metadata API type schema, before any org sees it. */
export const metadataSchemaCheck: Check = {
  name: 'metadata-schema',
  description: CHECK_DESCRIPTIONS['metadata-schema'],
  async run(ctx: CheckContext): Promise<Finding[]> {
    const types = createSourceTypeResolver();
    const files = (await listSourceFiles(ctx.sourceDir)).filter((f) => f.endsWith('-meta.xml'));
    const findings: Finding[] = [];
    for (const file of files) {
      for (const problem of await checkFile(file, types)) {
        findings.push({ check: 'metadata-schema', file: relativeToProject(ctx.projectDir, file), ...problem });
      }
    }
    return findings;
  },
};
