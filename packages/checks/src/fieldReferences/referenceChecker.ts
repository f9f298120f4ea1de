import { closestMatch } from '../text/closestMatch.js';
import { DEFINABLE_OBJECT_SUFFIXES, parseApiName } from './apiNames.js';
import type { ObjectIndex, ObjectInfo } from './objectIndex.js';

/** Where a name is written: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface ReferenceProblem extends Position {
  rule: 'unknown-field' | 'unknown-object';
  message: string;
}

/** One name of a dotted path (`Contact.Account.Foo__c` → Account, Foo__c), with where it is written. */
export interface PathSegment extends Position {
  name: string;
}

/**
 * Resolves object and field names against the package directory's objects/ and reports the
 * custom ones that are missing. Shared by the Apex, SOQL and LWC readers; `problems` collects
 * what they found in the file being read.
 */
export interface ReferenceChecker {
  /** The SObject a type or identifier names, when it is one (defined in source, standard, or custom-suffixed). */
  sobject(name: string): string | undefined;
  /** Reports `object.field` when it is a custom field the project could define but does not. */
  field(object: string, field: string, at: Position): void;
  /**
   * The parent object reached through relationship `name` of `object`. With `at`, a missing
   * custom lookup field (`Rel__r` → `Rel__c`) is reported there; without, the lookup is silent.
   */
  parent(object: string, name: string, at?: Position): string | undefined;
  /**
   * The child object of relationship `name` on `object` (a subquery `(SELECT … FROM Rel__r)`, or
   * `record.Rel__r` in Apex), when a lookup in source defines it.
   */
  child(object: string, name: string): string | undefined;
  /** Checks a path of relationships ending in a field: `Account.Foo__c`, `Rel__r.Bar__c` from `object`. */
  path(object: string, segments: readonly PathSegment[]): void;
  /** Reports a custom object (`Foo__c`, `Foo__mdt`, …) that objects/ does not define. */
  object(name: string, at: Position, where: string): void;
  problems: ReferenceProblem[];
}

export interface ReferenceCheckerOptions {
  index: ObjectIndex;
  /** Standard SObject names by their lower-cased form. */
  standardObjects: ReadonlyMap<string, string>;
  /** The project's own namespace (sfdx-project.json), whose prefix is dropped from names. */
  namespace?: string;
  /** Says that a file is missing: `objects/A/fields/B__c.field-meta.xml` → "force-app has no objects/…". */
  missing: (file: string) => string;
}

/**
 * Standard parent relationships whose target is certain without the org's schema: the audit
 * lookups always point to User, and a standard relationship named after a standard object
 * (Contact.Account, Case.Contact, OpportunityLineItem.Product2) points to that object.
 * Polymorphic ones (Owner, Who, What) and the rest (Parent, ReportsTo) stay unresolved.
 */
const USER_RELATIONSHIPS = new Set(['createdby', 'lastmodifiedby']);

const ACTIVITY_OBJECTS = new Set(['task', 'event']);

export function createReferenceChecker(options: ReferenceCheckerOptions): ReferenceChecker {
  const { index, standardObjects, namespace, missing } = options;
  const problems: ReferenceProblem[] = [];

  /** The index entry of an object, by its name as written (own namespace dropped). */
  function lookup(name: string): ObjectInfo | undefined {
    const api = parseApiName(name, namespace);
    if (!api || api.namespace) return undefined;
    return index.get((api.suffix ? `${api.base}__${api.suffix}` : api.base).toLowerCase());
  }

  /**
   * The object whose fields a reference on `name` must be among, when the project could define
   * them: an object in source, or a standard one. Change events carry their object's fields.
   * Managed-package objects, and custom objects missing from source (reported once, at FROM or
   * by apex-ls), are not checked.
   */
  function fieldHost(name: string): { name: string; fields: ObjectInfo['fields'] } | undefined {
    const api = parseApiName(name, namespace);
    if (!api || api.namespace) return undefined;
    if (api.suffix === 'changeevent') return fieldHost(`${api.base}__c`);
    // Custom fields of tasks and events are defined once, on Activity.
    if (!api.suffix && ACTIVITY_OBJECTS.has(name.toLowerCase())) {
      const fields = new Map([...(lookup('Activity')?.fields ?? []), ...(lookup(name)?.fields ?? [])]);
      return { name: 'Activity', fields };
    }
    const inSource = lookup(name);
    if (inSource) return inSource;
    if (api.suffix) return undefined;
    if (/.ChangeEvent$/i.test(name) && standardObjects.has(name.toLowerCase())) return fieldHost(name.slice(0, -'ChangeEvent'.length));
    const standard = standardObjects.get(name.toLowerCase());
    return standard ? { name: standard, fields: new Map() } : undefined;
  }

  function field(object: string, fieldName: string, at: Position, written = fieldName): void {
    const api = parseApiName(fieldName, namespace);
    if (!api || api.namespace) return;
    // Person account fields: Account.Foo__pc is Contact.Foo__c.
    if (api.suffix === 'pc' && object.toLowerCase() === 'account') return field('Contact', `${api.base}__c`, at, `${object}.${written}`);
    if (api.suffix !== 'c') return;
    const host = fieldHost(object);
    const fileName = `${api.base}__c`;
    if (!host || host.fields.has(fileName.toLowerCase())) return;
    const label = written.includes('.') ? written : `${object}.${written}`;
    const suggestion = closestMatch(fileName, [...host.fields.values()].map((f) => f.name));
    const hint = suggestion ? ` (did you mean ${host.name}.${suggestion}?)` : '';
    problems.push({
      ...at,
      rule: 'unknown-field',
      message: `${label} is referenced but ${missing(`objects/${host.name}/fields/${fileName}.field-meta.xml`)}${hint}`,
    });
  }

  function parent(object: string, name: string, at?: Position): string | undefined {
    const api = parseApiName(name, namespace);
    if (!api || api.namespace) return undefined;
    if (api.suffix === 'pr' && object.toLowerCase() === 'account') return parent('Contact', `${api.base}__r`, at);
    if (api.suffix === 'r') {
      if (at) field(object, `${api.base}__c`, at, name);
      return fieldHost(object)?.fields.get(`${api.base}__c`.toLowerCase())?.referenceTo;
    }
    if (api.suffix) return undefined;
    if (USER_RELATIONSHIPS.has(name.toLowerCase())) return 'User';
    return standardObjects.get(name.toLowerCase());
  }

  /** `parent object|relationship name` (lower-cased) → child object, from every lookup in source. */
  const children = new Map<string, string>();
  for (const candidate of index.values()) {
    for (const f of candidate.fields.values()) {
      if (f.referenceTo && f.relationshipName) children.set(`${f.referenceTo}|${f.relationshipName}`.toLowerCase(), candidate.name);
    }
  }

  function child(object: string, name: string): string | undefined {
    const api = parseApiName(name, namespace);
    if (!api || api.namespace || api.suffix !== 'r') return undefined;
    const parentObject = lookup(object)?.name ?? object;
    return children.get(`${parentObject}|${api.base}`.toLowerCase());
  }

  return {
    problems,
    sobject(name) {
      const api = parseApiName(name, namespace);
      if (!api) return undefined;
      const inSource = lookup(name);
      if (inSource) return inSource.name;
      if (api.suffix) return DEFINABLE_OBJECT_SUFFIXES.has(api.suffix) || api.suffix === 'changeevent' ? name : undefined;
      return standardObjects.get(name.toLowerCase());
    },
    field: (object, fieldName, at) => field(object, fieldName, at),
    parent,
    child,
    path(object, segments) {
      let current: string | undefined = object;
      for (const [i, segment] of segments.entries()) {
        if (!current) return;
        if (i === segments.length - 1) field(current, segment.name, segment);
        else current = parent(current, segment.name, segment);
      }
    },
    object(name, at, where) {
      const api = parseApiName(name, namespace);
      if (!api || api.namespace || !api.suffix || !DEFINABLE_OBJECT_SUFFIXES.has(api.suffix)) return;
      if (lookup(name)?.defined) return;
      const fileName = `${api.base}__${api.suffix}`;
      const defined = [...index.values()].filter((o) => o.defined).map((o) => o.name);
      const suggestion = closestMatch(fileName, defined);
      problems.push({
        ...at,
        rule: 'unknown-object',
        message: `${name} is referenced in ${where} but ${missing(`objects/${fileName}/${fileName}.object-meta.xml`)}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
      });
    },
  };
}
