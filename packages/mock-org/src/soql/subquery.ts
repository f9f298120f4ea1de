import type { Subquery } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { malformed, unknownChildRelationship, unsupported } from './errors.js';
import { buildProjection, renderRecord, type RenderEnv, type SelectItem } from './project.js';
import { compileSelection, type SelectEnv } from './select.js';
import { resolveSelectList } from './selectList.js';
import type { StoredRecord } from './types.js';
import { idKey } from './values.js';

/**
 * A child relationship subquery (`(SELECT LastName FROM Contacts)`) as a select item: per parent
 * `{ totalSize, done, records }`, or null when the parent has no matching children (REST shape).
 */
export function compileChildSubquery(sub: Subquery, parent: ObjectDef, env: SelectEnv & RenderEnv): SelectItem {
  const lower = sub.relationshipName.toLowerCase();
  const rel = parent.childRelationships.find((r) => r.relationshipName.toLowerCase() === lower);
  const child = rel ? env.schema.object(rel.childSObject) : undefined;
  const fk: FieldDef | undefined = rel ? child?.fields.get(rel.field.toLowerCase()) : undefined;
  if (!rel || !child || !fk) throw unknownChildRelationship(sub.relationshipName);
  if (sub.groupBy || sub.having) throw unsupported('GROUP BY in a child subquery');
  if ((sub.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn)) throw unsupported('aggregate functions in a child subquery');
  if ((sub.fields ?? []).length === 0) throw malformed('unexpected token: FROM');

  const nodes = buildProjection(resolveSelectList(sub.fields ?? [], child, env.schema, sub.sObjectAlias));
  const selection = compileSelection(sub, child, env);
  let byParent: Map<string, StoredRecord[]> | undefined;

  // The store's index on the foreign key when it has one; else one scan grouped by parent.
  const childrenOf = (parentId: string): StoredRecord[] => {
    const indexed = byParent ? undefined : env.records.lookup?.(child.name, fk.name, parentId);
    if (indexed) return selection.filter(indexed);
    if (!byParent) {
      byParent = new Map();
      for (const r of selection.filter()) {
        const key = r[fk.name];
        if (typeof key !== 'string' || key === '') continue;
        const list = byParent.get(idKey(key)) ?? [];
        list.push(r);
        byParent.set(idKey(key), list);
      }
    }
    return byParent.get(idKey(parentId)) ?? [];
  };

  return {
    kind: 'child',
    key: rel.relationshipName,
    render: (record) => {
      const records = selection.arrange(childrenOf(String(record.Id))).map((r) => renderRecord(nodes, r, child.name, env));
      return records.length === 0 ? null : { totalSize: records.length, done: true, records };
    },
  };
}
