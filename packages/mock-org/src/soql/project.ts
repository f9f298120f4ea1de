import type { SchemaView } from '../schema/types.js';
import { followHop, type FieldPath, type Hop } from './resolve.js';
import type { QueryRow, RecordSource, StoredRecord } from './types.js';

/** How one selected item lands in a row; parents nest, child subqueries render themselves. */
export type ProjectionNode =
  | { kind: 'field'; key: string }
  | { kind: 'parent'; key: string; hop: Hop; children: ProjectionNode[] }
  | { kind: 'child'; key: string; render: (record: StoredRecord) => unknown };

export type SelectItem = { kind: 'field'; path: FieldPath } | { kind: 'child'; key: string; render: (record: StoredRecord) => unknown };

/** Merges selected paths into a tree so `Account.Name, Account.Owner.Name` share one `Account`. */
export function buildProjection(items: readonly SelectItem[]): ProjectionNode[] {
  const root: ProjectionNode[] = [];
  for (const item of items) {
    if (item.kind === 'child') {
      root.push({ kind: 'child', key: item.key, render: item.render });
      continue;
    }
    let level = root;
    for (const hop of item.path.hops) {
      let parent = level.find((n): n is Extract<ProjectionNode, { kind: 'parent' }> => n.kind === 'parent' && n.key === hop.relationshipName);
      if (!parent) {
        parent = { kind: 'parent', key: hop.relationshipName, hop, children: [] };
        level.push(parent);
      }
      level = parent.children;
    }
    const key = item.path.field.name;
    if (!level.some((n) => n.kind === 'field' && n.key === key)) level.push({ kind: 'field', key });
  }
  return root;
}

export interface RenderEnv {
  schema: SchemaView;
  records: RecordSource;
  apiVersion: string;
}

export function recordAttributes(type: string, id: unknown, apiVersion: string): QueryRow['attributes'] {
  return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${String(id)}` };
}

/** A record as the REST API renders it: attributes, then the selected fields in select order. */
export function renderRecord(nodes: readonly ProjectionNode[], record: StoredRecord, type: string, env: RenderEnv): QueryRow {
  const row: QueryRow = { attributes: recordAttributes(type, record.Id, env.apiVersion) };
  for (const node of nodes) {
    if (node.kind === 'field') row[node.key] = record[node.key] ?? null;
    else if (node.kind === 'child') row[node.key] = node.render(record);
    else {
      const parent = followHop(node.hop, record, env.records);
      // A polymorphic lookup renders as the object the id actually belongs to.
      const parentType = parent ? (env.schema.objectForId(String(parent.Id))?.name ?? node.hop.target.name) : '';
      row[node.key] = parent ? renderRecord(node.children, parent, parentType, env) : null;
    }
  }
  return row;
}
