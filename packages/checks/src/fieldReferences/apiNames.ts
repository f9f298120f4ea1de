/** An API name taken apart: `ns__Foo__c` → namespace ns, base Foo, suffix c. Suffix and namespace are lower-case. */
export interface ApiName {
  namespace?: string;
  base: string;
  /** `c` (custom field/object), `r` (custom relationship), `mdt`, `e`, `pc`, … ; absent for standard names. */
  suffix?: string;
}

/**
 * Splits an API name on `__`. Salesforce forbids `__` inside a developer name, so a name has at
 * most a namespace prefix and a suffix: `Foo__c` (2 parts) is the project's or unpackaged,
 * `ns__Foo__c` (3 parts) comes from the managed package `ns` — unless `ns` is the project's own
 * namespace (sfdx-project.json "namespace"), which is dropped so it reads as `Foo__c`. Anything
 * else (`ns__Location__Latitude__s`, a geolocation component) is undefined: not checked.
 */
export function parseApiName(name: string, ownNamespace?: string): ApiName | undefined {
  const parts = name.split('__');
  if (parts.some((p) => p === '')) return undefined;
  if (parts.length === 1) return { base: name };
  if (parts.length === 2) return { base: parts[0]!, suffix: parts[1]!.toLowerCase() };
  if (parts.length === 3) {
    const namespace = parts[0]!.toLowerCase();
    const own = ownNamespace && namespace === ownNamespace.toLowerCase();
    return { ...(own ? {} : { namespace }), base: parts[1]!, suffix: parts[2]!.toLowerCase() };
  }
  return undefined;
}

/** Object suffixes a project defines under objects/ (custom objects, metadata types, events, big and external objects). */
export const DEFINABLE_OBJECT_SUFFIXES: ReadonlySet<string> = new Set(['c', 'mdt', 'e', 'b', 'x']);
