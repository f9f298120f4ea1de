import { ApiSchemas } from 'jsforce/lib/api/metadata/schema.js';
import { salesforceMetadataTypes } from './salesforceTypes.js';

export type ScalarType = 'string' | 'boolean' | 'number';

/** One element a metadata type may hold, as the Metadata API WSDL declares it. */
export interface PropSpec {
  name: string;
  /** A scalar, 'any' (anything goes: xsd:anyType, or XML the schema does not describe), or a complex type's name. */
  type: ScalarType | 'any' | string;
  /** May appear any number of times (maxOccurs unbounded); never required. */
  array: boolean;
  /** A single element a file must hold (see `isReportedRequired`). */
  required: boolean;
}

interface JsforceSchema {
  type: string;
  extends?: string;
  props: Record<string, string | readonly string[]>;
}

/*
 * Two sources, because neither is enough alone. jsforce's ApiSchemas is the WSDL of about API
 * 48 (2020): anything newer — FlexiPage <itemInstances>, Flow <start><recordTriggerType>, whole
 * types such as ExternalCredential — would be reported as unknown. @salesforce/types (a
 * dependency of SDR) carries the WSDL of a current API version, so it is the primary source;
 * jsforce adds back the elements current WSDLs dropped (e.g. FlexiPageRegion
 * <componentInstances>), which files written for an older API version still hold. When
 * @salesforce/types cannot be read, jsforce alone is used.
 */
const jsforce = ApiSchemas as unknown as Record<string, JsforceSchema>;

/**
 * Elements the Metadata API accepts that both installed schemas lack, found by validating real
 * projects (trailheadapps/dreamhouse-lwc, ebikes-lwc, coral-cloud). Both are in Salesforce's
 * own metadata.wsdl for API 66 (forcedotcom/wsdl); @salesforce/types 1.9.0 dropped them.
 */
const MISSING_FROM_SCHEMAS: Readonly<Record<string, readonly PropSpec[]>> = {
  CustomField: [{ name: 'displayLocationInDecimal', type: 'boolean', array: false, required: false }],
  CustomSite: [{ name: 'allowGuestPaymentsApi', type: 'boolean', array: false, required: false }],
};

/**
 * Elements whose content is XML the WSDL does not describe. LightningComponentBundle
 * <targetConfigs> is xsd:base64Binary in the API; in source format it holds the <targetConfig>
 * elements themselves (every LWC exposed to App Builder has them).
 */
const OPAQUE_XML: Readonly<Record<string, readonly string[]>> = {
  LightningComponentBundle: ['targetConfigs'],
};

/**
 * Required elements the platform fills in when a file leaves them out, seen in real projects
 * that deploy: NPSP's fflib classes (force-app/infrastructure/apex-mocks) have no <status>
 * (it defaults to Active).
 */
const DEFAULTED_WHEN_ABSENT: Readonly<Record<string, readonly string[]>> = {
  ApexClass: ['status'],
  ApexTrigger: ['status'],
};

const SCALARS = new Set<string>(['string', 'boolean', 'number']);
const propCache = new Map<string, ReadonlyMap<string, PropSpec>>();

export function isScalar(type: string): type is ScalarType {
  return SCALARS.has(type);
}

/** True when a schema describes `name` as a complex type. */
export function isSchemaType(name: string): boolean {
  return Boolean(salesforceMetadataTypes()?.types.has(name)) || Object.hasOwn(jsforce, name);
}

/** Maps a type name used in a declaration to a PropSpec type. */
function resolveType(name: string): PropSpec['type'] {
  if (isScalar(name)) return name;
  if (name === 'Date' || salesforceMetadataTypes()?.enums.has(name)) return 'string';
  return isSchemaType(name) ? name : 'any';
}

/** `typeName` and its bases in one source, nearest first (guarding against cycles). */
function chain<T extends { extends?: string }>(typeName: string, lookup: (name: string) => T | undefined): T[] {
  const types: T[] = [];
  const seen = new Set<string>();
  for (let name: string | undefined = typeName; name && !seen.has(name); name = types.at(-1)?.extends) {
    seen.add(name);
    const type = lookup(name);
    if (!type) break;
    types.push(type);
  }
  return types;
}

/** jsforce writes `'?T'` optional, `'T'` required, `['T']` (or `['?', 'T']`) repeated. */
function fromJsforce(raw: string | readonly string[]): { type: string; optional: boolean; array: boolean } {
  if (typeof raw !== 'string') return { type: raw.at(-1) ?? 'any', optional: true, array: true };
  const optional = raw.startsWith('?');
  return { type: optional ? raw.slice(1) : raw, optional, array: false };
}

/**
 * Whether a missing element is reported. The WSDL's minOccurs=1 is stricter than the platform:
 * when a later API version adds a required boolean or number, the API defaults it for files
 * that lack it (CustomPermission <isLicensed>, GenAiPluginInstructionDef <sortOrder> and
 * EmbeddedServiceMessagingChannel <shouldShowAgentforceTagline> are absent from real, deploying
 * files). So: for a type both schemas know, only what both require (required since API 48 and
 * still); for a type only the current schema knows, its required strings and complex elements.
 */
function isReportedRequired(typeName: string, name: string, type: string, required: { current?: boolean; jsforce?: boolean }): boolean {
  if (DEFAULTED_WHEN_ABSENT[typeName]?.includes(name)) return false;
  const inCurrent = Boolean(salesforceMetadataTypes()?.types.has(typeName));
  const inJsforce = Object.hasOwn(jsforce, typeName);
  if (inCurrent && inJsforce) return required.current === true && required.jsforce === true;
  if (inJsforce) return required.jsforce === true;
  return required.current === true && type !== 'boolean' && type !== 'number';
}

/**
 * Every element `typeName` may hold, its own and those inherited through its base types
 * (e.g. CustomField → Metadata adds `fullName`), or undefined for a type no schema describes.
 */
export function propsOf(typeName: string): ReadonlyMap<string, PropSpec> | undefined {
  const cached = propCache.get(typeName);
  if (cached) return cached;
  if (!isSchemaType(typeName)) return undefined;

  type Declared = { type: string; array: boolean; required: { current?: boolean; jsforce?: boolean } };
  const declared = new Map<string, Declared>();
  for (const type of chain(typeName, (n) => salesforceMetadataTypes()?.types.get(n))) {
    for (const [name, p] of type.props) {
      if (!declared.has(name)) declared.set(name, { type: p.type, array: p.array, required: { current: !p.optional && !p.array } });
    }
  }
  for (const type of chain(typeName, (n) => jsforce[n])) {
    for (const [name, raw] of Object.entries(type.props)) {
      const p = fromJsforce(raw);
      const known = declared.get(name);
      if (!known) declared.set(name, { type: p.type, array: p.array, required: { jsforce: !p.optional && !p.array } });
      else known.required.jsforce ??= !p.optional && !p.array;
    }
  }

  const props = new Map<string, PropSpec>();
  for (const [name, d] of declared) {
    const type = resolveType(d.type);
    props.set(name, { name, type, array: d.array, required: isReportedRequired(typeName, name, type, d.required) });
  }
  for (const extra of MISSING_FROM_SCHEMAS[typeName] ?? []) props.set(extra.name, extra);
  for (const name of OPAQUE_XML[typeName] ?? []) {
    const prop = props.get(name);
    if (prop) props.set(name, { ...prop, type: 'any' });
  }
  propCache.set(typeName, props);
  return props;
}
