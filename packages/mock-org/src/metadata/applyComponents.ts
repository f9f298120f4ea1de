import type { MdapiComponent, MdapiProblem } from '@orgkit/checks/mdapi';
import type { XmlElement } from '@orgkit/checks/xml';
import type { OrgState } from '../org.js';
import { createRecord, liveMatches, requireObject, updateRecord } from '../records/recordService.js';
import type { MockOrgSaml } from '../saml/sp/samlServiceProvider.js';
import { samlEnabledIn } from '../saml/sp/samlEnabledSetting.js';
import { parseSamlSsoConfigXml, type SamlSsoConfig } from '../saml/sp/samlSsoConfig.js';
import { customKeyPrefix, customObjectFields } from '../schema/buildSchema.js';
import { readField, readObjectDefinition } from '../schema/sourceSchema.js';
import type { FieldDef } from '../schema/types.js';
import { matchingRulesIn, type DeployedMatchingRule } from './matchingRules.js';
import type { OrgSchema } from './orgSchema.js';

/** What applying needs besides the org: its own schema and its SAML side. */
export interface ApplyTarget {
  org: OrgState;
  schema: OrgSchema;
  saml: MockOrgSaml;
}

const text = (el: XmlElement | undefined, name: string): string | undefined => el?.children.find((c) => c.name === name)?.text.trim() || undefined;

/** A SamlSsoConfig the SP cannot use is a deploy failure, found before anything is applied. */
function samlConfigOf(c: MdapiComponent): SamlSsoConfig {
  return parseSamlSsoConfigXml(c.xml ?? '', c.fullName, c.fileName);
}

/**
 * Problems the mock finds beyond the package checks, because applying would fail: a SamlSsoConfig
 * the SP refuses (no issuer, PEM armour in the certificate…), a field on a custom object that
 * neither the org nor the package defines, a permission set value too long for its record.
 */
export function preflightProblems(target: ApplyTarget, components: readonly MdapiComponent[]): MdapiProblem[] {
  const problems: MdapiProblem[] = [];
  const packageObjects = new Set(components.filter((c) => c.type === 'CustomObject').map((c) => c.fullName.toLowerCase()));
  for (const c of components) {
    const at = { componentType: c.type, fullName: c.fullName, fileName: c.fileName, problemType: 'Error' as const };
    if (c.type === 'SamlSsoConfig') {
      try {
        samlConfigOf(c);
      } catch (err) {
        problems.push({ ...at, problem: (err as Error).message });
      }
    }
    if (c.type === 'PermissionSet') for (const p of permissionSetProblems(target.org, c)) problems.push({ ...at, ...p });
    if (c.type === 'CustomField') {
      const object = c.fullName.split('.')[0]!;
      if (object.endsWith('__c') && !packageObjects.has(object.toLowerCase()) && !target.schema.view.object(object)) {
        problems.push({ ...at, problem: `Cannot find entity ${object}: deploy the CustomObject ${object} with its field, or before it.` });
      }
    }
  }
  return problems;
}

/** True when the org already has the component (a deploy then reports it changed, not created). */
export function orgHas(target: ApplyTarget, c: MdapiComponent, deployedBefore: (type: string, fullName: string) => boolean): boolean {
  const [object, fieldName] = c.fullName.split('.');
  if (c.type === 'CustomObject') return target.schema.view.object(c.fullName) !== undefined;
  if (c.type === 'CustomField') return target.schema.view.object(object!)?.fields.has(fieldName!.toLowerCase()) === true;
  if (c.type === 'ApexClass' || c.type === 'ApexTrigger') return liveMatches({ org: target.org }, c.type, 'Name', c.fullName).length > 0;
  if (c.type === 'SamlSsoConfig') return target.saml.configs().some((s) => s.name === c.fullName);
  if (c.type === 'PermissionSet') return liveMatches({ org: target.org }, 'PermissionSet', 'Name', c.fullName).length > 0;
  return deployedBefore(c.type, c.fullName);
}

function applyObject(target: ApplyTarget, c: MdapiComponent, fields: FieldDef[]): void {
  const definition = readObjectDefinition(c.element!, c.fullName);
  const existing = target.schema.view.object(c.fullName);
  const taken = new Set([...target.schema.view.objects()].map((o) => o.keyPrefix));
  const own = customObjectFields({ name: c.fullName, definition, fields, childRelationships: [] }, definition);
  const merged = new Map([...own, ...(existing ? [...existing.fields.values()] : []), ...fields].map((f) => [f.name.toLowerCase(), f]));
  target.schema.putObject({
    name: c.fullName,
    label: definition.label,
    labelPlural: definition.labelPlural,
    keyPrefix: existing?.keyPrefix ?? customKeyPrefix(c.fullName, taken),
    custom: true,
    customSetting: definition.customSetting,
    fields: merged,
    childRelationships: existing?.childRelationships ?? [],
  });
  if (definition.nameFieldFormat) target.org.autoNumbers.set(`${c.fullName.toLowerCase()}.name`, definition.nameFieldFormat);
}

function applyApex(target: ApplyTarget, c: MdapiComponent): void {
  const def = requireObject(target.org, c.type);
  const ctx = { org: target.org, userId: target.org.users[0]!.id, system: true };
  const body = c.content ?? '';
  const fields: Record<string, unknown> = {
    Name: c.fullName,
    Body: body,
    ApiVersion: Number(text(c.element, 'apiVersion') ?? '0') || null,
    Status: text(c.element, 'status') ?? 'Active',
    LengthWithoutComments: body.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').length,
    ...(c.type === 'ApexTrigger' ? { TableEnumOrId: /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(body)?.[1] ?? null } : {}),
  };
  const existing = liveMatches({ org: target.org }, c.type, 'Name', c.fullName)[0];
  if (existing) updateRecord(ctx, def, existing.Id as string, fields);
  else createRecord(ctx, def, fields);
}

/** The PermissionSet record fields a deployed permission set sets: label, description, the user permissions the org models. */
function permissionSetFields(org: OrgState, c: MdapiComponent): Record<string, unknown> {
  const def = requireObject(org, 'PermissionSet');
  const fields: Record<string, unknown> = { Name: c.fullName, Label: text(c.element, 'label') ?? c.fullName, Description: text(c.element, 'description') ?? null };
  // A deploy replaces the permission set: a permission it no longer names is off.
  for (const f of def.fields.values()) if (f.name.startsWith('Permissions') && !f.readOnly) fields[f.name] = false;
  for (const p of c.element?.children.filter((e) => e.name === 'userPermissions') ?? []) {
    const f = def.fields.get(`permissions${text(p, 'name') ?? ''}`.toLowerCase());
    if (f && !f.readOnly) fields[f.name] = text(p, 'enabled') === 'true';
  }
  return fields;
}

/** A permission set value longer than its PermissionSet field (Description 255, Label 80) fails in the org too. */
function permissionSetProblems(org: OrgState, c: MdapiComponent): { problem: string; lineNumber?: number; columnNumber?: number }[] {
  const def = requireObject(org, 'PermissionSet');
  return Object.entries(permissionSetFields(org, c)).flatMap(([name, value]) => {
    const max = def.fields.get(name.toLowerCase())?.length;
    if (typeof value !== 'string' || !max || value.length <= max) return [];
    const element = c.element?.children.find((e) => e.name === name.toLowerCase());
    return [
      {
        problem: `${name}: data value too large (${value.length} characters, max length=${max}): shorten <${name.toLowerCase()}> in the permission set to ${max} characters or fewer.`,
        ...(element ? { lineNumber: element.line, columnNumber: element.column } : {}),
      },
    ];
  });
}

/**
 * A deployed permission set as its PermissionSet record (found again by Name on a redeploy), so
 * SOQL finds it and PermissionSetAssignment inserts can name it.
 */
function applyPermissionSet(target: ApplyTarget, c: MdapiComponent): void {
  const def = requireObject(target.org, 'PermissionSet');
  const ctx = { org: target.org, userId: target.org.users[0]!.id, system: true };
  const fields = permissionSetFields(target.org, c);
  const existing = liveMatches({ org: target.org }, 'PermissionSet', 'Name', c.fullName)[0];
  if (existing) updateRecord(ctx, def, existing.Id as string, fields);
  else createRecord(ctx, def, fields);
}

/**
 * A deployed matching rule as its MatchingRule record, found again by developer name.
 * RuleStatus is what the file declares at once: the mock runs no activation job (a real org shows
 * Activating for a while).
 */
function applyMatchingRule(target: ApplyTarget, rule: DeployedMatchingRule): void {
  const def = requireObject(target.org, 'MatchingRule');
  const ctx = { org: target.org, userId: target.org.users[0]!.id, system: true };
  const developerName = text(rule.element, 'fullName') ?? '';
  const fields = {
    DeveloperName: developerName,
    MasterLabel: text(rule.element, 'label') ?? developerName,
    SobjectType: rule.sobjectType,
    BooleanFilter: text(rule.element, 'booleanFilter') ?? null,
    Description: text(rule.element, 'description') ?? null,
    RuleStatus: text(rule.element, 'ruleStatus') ?? 'Inactive',
  };
  const existing = liveMatches({ org: target.org }, 'MatchingRule', 'DeveloperName', developerName)[0];
  if (existing) updateRecord(ctx, def, existing.Id as string, fields);
  else createRecord(ctx, def, fields);
}

/** Types a deploy applies outside the record store: a restart of a dataDir org replays them (see restoreComponents). */
export const REPLAYED_TYPES: ReadonlySet<string> = new Set(['CustomObject', 'CustomField', 'SamlSsoConfig', 'Settings']);

/**
 * The in-memory side of a deploy: custom objects and fields join the org's schema (REST describe
 * and SOQL see them at once), SamlSsoConfigs register with its SAML SP, the Security settings set
 * SAML Enabled.
 */
function applySchemaAndSaml(target: ApplyTarget, components: readonly MdapiComponent[]): void {
  const fieldsOf = (object: string): FieldDef[] =>
    components
      .filter((c) => c.type === 'CustomField' && c.fullName.split('.')[0]!.toLowerCase() === object.toLowerCase() && c.element)
      .map((c) => readField(c.element!, c.fullName.split('.')[1]!))
      .filter((f): f is FieldDef => f !== undefined);
  for (const c of components) if (c.type === 'CustomObject' && c.element) applyObject(target, c, fieldsOf(c.fullName));
  for (const c of components) {
    if (c.type !== 'CustomField' || !c.element) continue;
    const [object, name] = c.fullName.split('.');
    const field = readField(c.element, name!);
    // Field types the mock does not model (e.g. Summary) are recorded, not added.
    if (field) target.schema.putField(object!, field);
  }
  for (const c of components) if (c.type === 'SamlSsoConfig') target.saml.register(samlConfigOf(c));
  const security = components.find((c) => c.type === 'Settings' && c.fullName === 'Security' && c.element);
  const samlEnabled = security && samlEnabledIn(security.element!);
  if (samlEnabled !== undefined) target.saml.setEnabled(samlEnabled);
}

/**
 * Makes the org what a deploy of `components` leaves: Apex classes and triggers become
 * ApexClass/ApexTrigger records, permission sets PermissionSet records, matching rules
 * MatchingRule records (in one store transaction, first: if one fails, nothing changed), then
 * the schema and SAML side (applySchemaAndSaml). Other types change nothing here; the caller
 * records every component. Runs only after validation passed.
 */
export function applyComponents(target: ApplyTarget, components: readonly MdapiComponent[]): void {
  target.org.store.transaction(() => {
    for (const c of components) {
      if (c.type === 'ApexClass' || c.type === 'ApexTrigger') applyApex(target, c);
      else if (c.type === 'PermissionSet') applyPermissionSet(target, c);
      for (const rule of matchingRulesIn(c)) applyMatchingRule(target, rule);
    }
  });
  applySchemaAndSaml(target, components);
}

/**
 * A restarted dataDir org: its records are in its file, but its schema and SAML side live in
 * memory, so the components earlier deploys applied there are applied again, in deploy order.
 */
export function restoreComponents(target: ApplyTarget, components: readonly MdapiComponent[]): void {
  applySchemaAndSaml(target, components);
}
