import { readFileSync } from 'node:fs';
import { DeployError } from '../deployError.js';

export const ROLES = ['source', 'target'] as const;
/** `source` = Org B (the verified-accounts API), `target` = Org A (everything else). */
export type Role = (typeof ROLES)[number];
/** What `--role` takes: one org's part, or both parts into one org (the sandbox, a scratch org). */
export type RoleChoice = Role | 'all';
export const ROLE_CHOICES: readonly RoleChoice[] = [...ROLES, 'all'];

export interface CustomSettingDefault {
  /** A hierarchy custom setting, e.g. Account_Enrichment_Settings__c. */
  object: string;
  /** The org-default values, written only when the org has no org default yet. */
  values: Record<string, string | number | boolean>;
}

export interface ScheduledJob {
  /** The CronTrigger job name the Apex schedules under; a job with this name means "already scheduled". */
  jobName: string;
  /** Anonymous Apex that schedules it, run through the Tooling API's executeAnonymous. */
  apex: string;
}

export interface PostDeployConfig {
  customSettingDefaults: CustomSettingDefault[];
  /** Permission sets assigned to the deploying user (who owns the scheduled job, so it runs with them). */
  assignToDeployingUser: string[];
  schedules: ScheduledJob[];
}

export interface RoleConfig {
  /** Which org this is, for people reading the plan. */
  org: string;
  /** `Type:Name` patterns (`*` = any characters) of the components this role deploys. */
  include: string[];
  /** Patterns taken out again: a component matching both is not deployed to this role's org. */
  exclude: string[];
  postDeploy: PostDeployConfig;
}

export interface RolesConfig {
  file: string;
  roles: Record<Role, RoleConfig>;
  /** Components whose deploy can lock admins out: the SSO lockout check runs when one is deployed. */
  ssoComponents: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function fail(file: string, where: string, what: string): never {
  throw new DeployError('ROLES_CONFIG_INVALID', `${file}: ${where} ${what}. See packages/deploy/README.md ("Roles config").`);
}

function onlyKeys(file: string, where: string, value: Json, allowed: string[]): void {
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k) && k !== '$comment');
  if (unknown.length > 0) fail(file, where, `has unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed.join(', ')})`);
}

function patterns(file: string, where: string, value: unknown, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string' || !/^[A-Za-z*]+(:.+)?$/.test(p))) {
    fail(file, where, 'must be a list of "Type:Name" patterns, e.g. ["ApexClass:VerifiedAccounts*", "PermissionSet:SSO_Users"]');
  }
  return value as string[];
}

function stringList(file: string, where: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) fail(file, where, 'must be a list of names');
  return value as string[];
}

function postDeploy(file: string, where: string, value: unknown): PostDeployConfig {
  if (value === undefined) return { customSettingDefaults: [], assignToDeployingUser: [], schedules: [] };
  if (!isObject(value)) fail(file, where, 'must be an object');
  onlyKeys(file, where, value, ['customSettingDefaults', 'assignToDeployingUser', 'schedules']);
  const defaults = value.customSettingDefaults ?? [];
  if (!Array.isArray(defaults)) fail(file, `${where}.customSettingDefaults`, 'must be a list');
  const customSettingDefaults = defaults.map((d, i) => {
    const at = `${where}.customSettingDefaults[${i}]`;
    if (!isObject(d) || typeof d.object !== 'string' || !d.object.endsWith('__c') || !isObject(d.values)) fail(file, at, 'must be {"object": "<Setting>__c", "values": {"Field__c": value}}');
    onlyKeys(file, at, d, ['object', 'values']);
    for (const [field, v] of Object.entries(d.values)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) fail(file, `${at}.values.${field}`, 'must be a string, number or boolean');
    }
    return { object: d.object, values: d.values as CustomSettingDefault['values'] };
  });
  const jobs = value.schedules ?? [];
  if (!Array.isArray(jobs)) fail(file, `${where}.schedules`, 'must be a list');
  const schedules = jobs.map((j, i) => {
    const at = `${where}.schedules[${i}]`;
    if (!isObject(j) || typeof j.jobName !== 'string' || j.jobName === '' || typeof j.apex !== 'string' || j.apex.trim() === '') fail(file, at, 'must be {"jobName": "<CronTrigger name>", "apex": "<anonymous Apex that schedules it>"}');
    onlyKeys(file, at, j, ['jobName', 'apex']);
    return { jobName: j.jobName, apex: j.apex };
  });
  return { customSettingDefaults, assignToDeployingUser: stringList(file, `${where}.assignToDeployingUser`, value.assignToDeployingUser), schedules };
}

/** Validates a parsed roles config; every problem names the key and what to write instead. */
export function parseRolesConfig(value: unknown, file: string): RolesConfig {
  if (!isObject(value)) fail(file, 'the file', 'must hold a JSON object');
  onlyKeys(file, 'the top level', value, ['roles', 'ssoComponents']);
  if (!isObject(value.roles)) fail(file, '"roles"', 'must be an object with "source" and "target"');
  onlyKeys(file, '"roles"', value.roles, [...ROLES]);
  const roles = {} as Record<Role, RoleConfig>;
  for (const role of ROLES) {
    const r = value.roles[role];
    const at = `roles.${role}`;
    if (!isObject(r)) fail(file, at, 'is missing: give {"org", "include", "exclude"}');
    onlyKeys(file, at, r, ['org', 'include', 'exclude', 'postDeploy']);
    roles[role] = {
      org: typeof r.org === 'string' ? r.org : role,
      include: patterns(file, `${at}.include`, r.include, true),
      exclude: patterns(file, `${at}.exclude`, r.exclude, false),
      postDeploy: postDeploy(file, `${at}.postDeploy`, r.postDeploy),
    };
  }
  return { file, roles, ssoComponents: patterns(file, 'ssoComponents', value.ssoComponents, false) };
}

export function loadRolesConfig(file: string): RolesConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DeployError('ROLES_CONFIG_INVALID', `Cannot read the roles config ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): pass --roles <file>, or add deploy-roles.json at the project root.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DeployError('ROLES_CONFIG_INVALID', `${file} is not valid JSON (${(err as Error).message}).`);
  }
  return parseRolesConfig(value, file);
}
