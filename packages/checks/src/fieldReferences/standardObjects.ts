import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { pmdEngineJavaLib } from '../apexLsJars.js';

/**
 * Used only when the jar below cannot be read: the standard objects projects most often add
 * fields to or query. Missing one here only means its fields go unchecked.
 */
const COMMON_STANDARD_OBJECTS = [
  'Account', 'Asset', 'Campaign', 'CampaignMember', 'Case', 'CaseComment', 'Contact', 'ContentDocument',
  'ContentVersion', 'Contract', 'Entitlement', 'Event', 'Group', 'Individual', 'Lead', 'Opportunity',
  'OpportunityContactRole', 'OpportunityLineItem', 'Order', 'OrderItem', 'Pricebook2', 'PricebookEntry',
  'Product2', 'Profile', 'Quote', 'QuoteLineItem', 'RecordType', 'ServiceAppointment', 'Task', 'User',
  'UserRole', 'WorkOrder', 'WorkOrderLineItem',
];

/** `com/nawforce/runforce/SObjects/Account.class` → Account (inner classes, with `$`, are skipped). */
const SOBJECT_CLASS = /^com\/nawforce\/runforce\/SObjects\/([A-Za-z0-9_]+)\.class$/;

/**
 * apex-ls (shipped with the PMD engine, which the apex check runs) describes every standard
 * SObject of its API version as a class in `sobject-types-<version>.jar`: the most complete
 * offline list there is.
 */
async function fromApexLsJar(): Promise<string[]> {
  const javaLib = pmdEngineJavaLib();
  const jar = (await readdir(javaLib)).find((f) => /^sobject-types-.*\.jar$/.test(f));
  if (!jar) throw new Error(`no sobject-types jar in ${javaLib}`);
  const zip = await JSZip.loadAsync(await readFile(path.join(javaLib, jar)));
  return Object.keys(zip.files).flatMap((name) => SOBJECT_CLASS.exec(name)?.[1] ?? []);
}

let loading: Promise<ReadonlyMap<string, string>> | undefined;

/** Standard SObject names by their lower-cased form (Apex and SOQL names are case-insensitive). */
export function standardObjectNames(): Promise<ReadonlyMap<string, string>> {
  loading ??= fromApexLsJar()
    .then((names) => (names.length > 0 ? names : COMMON_STANDARD_OBJECTS))
    .catch(() => COMMON_STANDARD_OBJECTS)
    .then((names) => new Map(names.map((n) => [n.toLowerCase(), n])));
  return loading;
}
