import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A complex type read from @salesforce/types: its base type and its elements. */
export interface WsdlType {
  extends?: string;
  props: Map<string, { type: string; optional: boolean; array: boolean }>;
}

export interface WsdlTypes {
  types: Map<string, WsdlType>;
  /**
   * Names of enumerations (`export type FieldType = 'Text' | 'Number' | …`): string-valued.
   * Their values are not checked: the WSDL lists fewer than the platform accepts (CustomSite
   * <siteType>ChatterNetwork</siteType> is valid but missing from SiteType).
   */
  enums: Set<string>;
}

/**
 * Below this many types the file is not the generated metadata WSDL we know (a future
 * @salesforce/types changed its layout): better no second schema than a wrong one.
 */
const MIN_TYPES = 500;

/**
 * `@salesforce/types/lib/metadata.d.ts`, the Metadata API WSDL of a current API version as
 * TypeScript types (pinned in package.json; SDR depends on the same package). Undefined when it
 * cannot be read.
 */
function readMetadataDts(): string | undefined {
  try {
    const metadataJs = createRequire(import.meta.url).resolve('@salesforce/types/metadata');
    return readFileSync(metadataJs.replace(/\.js$/, '.d.ts'), 'utf8');
  } catch {
    return undefined;
  }
}

const TYPE_OPEN = /^export type (\w+) = (?:(\w+) & )?\{$/;
const TYPE_ALIAS = /^export type (\w+) = (\w+);$/;
const ENUM = /^export type (\w+) = '.*';$/;
const PROP = /^ {4}(\w+)(\??): (\w+)(\[\])?;$/;

/**
 * Parses the generated .d.ts, which is one declaration a line in a fixed shape:
 * `export type CustomField = Metadata & {`, `    label?: string;`, `    fields: CustomField[];`,
 * `};`, `export type FieldType = 'Text' | 'Number';`, `export type ReportFolder = Folder;`.
 */
export function parseMetadataDts(source: string): WsdlTypes {
  const types = new Map<string, WsdlType>();
  const enums = new Set<string>();
  let current: WsdlType | undefined;
  for (const line of source.split('\n')) {
    let m: RegExpExecArray | null;
    if (current) {
      if (line === '};') current = undefined;
      else if ((m = PROP.exec(line))) current.props.set(m[1]!, { type: m[3]!, optional: m[2] === '?', array: m[4] === '[]' });
    } else if ((m = TYPE_OPEN.exec(line))) {
      current = { props: new Map(), ...(m[2] ? { extends: m[2] } : {}) };
      types.set(m[1]!, current);
    } else if ((m = ENUM.exec(line))) {
      enums.add(m[1]!);
    } else if ((m = TYPE_ALIAS.exec(line))) {
      // `= string` is an enumeration without listed values; `= Folder` a subtype with no elements of its own.
      if (m[2] === 'string') enums.add(m[1]!);
      else types.set(m[1]!, { extends: m[2]!, props: new Map() });
    }
  }
  return { types, enums };
}

let loaded: WsdlTypes | undefined | null = null;

/** The current-API metadata types, or undefined when @salesforce/types is missing or unreadable. */
export function salesforceMetadataTypes(): WsdlTypes | undefined {
  if (loaded === null) {
    const source = readMetadataDts();
    const parsed = source ? parseMetadataDts(source) : undefined;
    loaded = parsed && parsed.types.size >= MIN_TYPES ? parsed : undefined;
  }
  return loaded;
}
