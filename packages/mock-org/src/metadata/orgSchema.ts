import type { FieldDef, ObjectDef, SchemaView } from '../schema/types.js';

/** An org's own schema: the shared one every org starts with, plus what deploys add to this org only. */
export interface OrgSchema {
  view: SchemaView;
  /** Adds or replaces a custom object (its fields included). */
  putObject(def: ObjectDef): void;
  /** Adds or replaces a field on an object the view knows; false when it knows no such object. */
  putField(objectName: string, field: FieldDef): boolean;
}

/**
 * Orgs share the schema built from the source folder, so a deploy to Org A must not change Org B:
 * changed objects are copied into this org's overlay, and lookups consult the overlay first.
 */
export function createOrgSchema(base: SchemaView): OrgSchema {
  const changed = new Map<string, ObjectDef>();
  const byPrefix = new Map<string, ObjectDef>();
  const lookup = (name: string): ObjectDef | undefined => changed.get(name.toLowerCase()) ?? base.object(name);
  const put = (def: ObjectDef): void => {
    changed.set(def.name.toLowerCase(), def);
    byPrefix.set(def.keyPrefix, def);
  };
  return {
    view: {
      object: lookup,
      objectForId: (id) => byPrefix.get(id.slice(0, 3)) ?? base.objectForId(id),
      objects: () => {
        const baseObjects = [...base.objects()];
        const baseNames = new Set(baseObjects.map((o) => o.name.toLowerCase()));
        return [...baseObjects.map((o) => changed.get(o.name.toLowerCase()) ?? o), ...[...changed.values()].filter((o) => !baseNames.has(o.name.toLowerCase()))];
      },
    },
    putObject: put,
    putField(objectName, field) {
      const current = lookup(objectName);
      if (!current) return false;
      const fields = new Map(current.fields);
      fields.set(field.name.toLowerCase(), field);
      put({ ...current, fields });
      return true;
    },
  };
}
