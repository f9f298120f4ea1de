import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createMockServer } from './http/createMockServer.js';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppKeyPair } from './auth/certificate.js';
import { oauthModule } from './auth/oauthRoutes.js';
import { createSessionStore } from './auth/sessions.js';
import { createRouter } from './http/router.js';
import { createFaultAdminModule } from './faults/faultAdminRoutes.js';
import { createFaultInjector } from './faults/faultInjector.js';
import type { FaultConfig, FaultController } from './faults/types.js';
import type { RouteModule } from './http/types.js';
import { startDataCloudTenant } from './datacloud/startDataCloudTenant.js';
import type { DataCloudTenantConfig, MockDataCloud } from './datacloud/types.js';
import { createIdFactory, to18, toBase62 } from './ids.js';
import type { ConnectedApp, MockUser, OrgState } from './org.js';
import { createRecord } from './records/recordService.js';
import { loadSamlSsoConfigs } from './saml/sp/loadSamlSsoConfigs.js';
import { samlEnabledInSource } from './saml/sp/samlEnabledSetting.js';
import { createSamlServiceProvider, type MockOrgSaml } from './saml/sp/samlServiceProvider.js';
import type { SamlSsoConfig } from './saml/sp/samlSsoConfig.js';
import { apexRestModule, createApexRestRegistry, type ApexRestHandler, type ApexRestRegistry } from './rest/apexRestRegistry.js';
import { collectionModule } from './rest/collectionRoutes.js';
import { compositeModule } from './rest/compositeRoutes.js';
import { dataModule } from './rest/dataRoutes.js';
import { createQueryModule } from './rest/queryRoutes.js';
import { sobjectModule } from './rest/sobjectRoutes.js';
import { buildSchema, type BuiltSchema } from './schema/buildSchema.js';
import { loadSourceSchema } from './schema/sourceSchema.js';
import { createMemoryStore } from './store/memoryStore.js';
import { APEX_OBJECTS } from './metadata/apexObjects.js';
import { MATCHING_RULE_OBJECT } from './metadata/matchingRules.js';
import { createMetadataApi } from './metadata/metadataApi.js';
import { createOrgSchema, type OrgSchema } from './metadata/orgSchema.js';
import type { MetadataApiConfig, MockOrgMetadata } from './metadata/types.js';
import { openOrgFile, type OrgFile } from './store/orgFile.js';

/** A user to create at start: SSO checks need Federation IDs, inactive users, more admins. */
export interface ExtraUserConfig {
  username: string;
  lastName: string;
  firstName?: string;
  email?: string;
  /** Default Standard User. */
  profile?: 'System Administrator' | 'Standard User';
  federationIdentifier?: string;
  /** Default true. */
  isActive?: boolean;
  /** For the username-password flow; generated when absent. */
  password?: string;
}

export interface MockOrgConfig {
  /** Short name (A, B, engagement…): usernames become admin@org-<name>.mock. */
  name: string;
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** DailyApiRequests limit; past it the org answers 403 REQUEST_LIMIT_EXCEEDED. Default 15000. */
  apiRequestLimit?: number;
  /** Access-token lifetime. Default 7200 s (Salesforce's default session timeout is 2 hours). */
  tokenTtlSeconds?: number;
  /** The username-password flow is off by default, as in new orgs. */
  usernamePasswordEnabled?: boolean;
  /**
   * SAML Enabled (Setup → Single Sign-On Settings). Default: what the source's Security settings
   * say (`enableSamlLogin`), else off as in a new org; `connectMockIdp` and a deploy of Security
   * settings turn it on.
   */
  samlEnabled?: boolean;
  /** Apex REST handlers, e.g. { method: 'POST', path: '/verifiedAccounts', handler }. */
  apexRest?: { method: string; path: string; handler: ApexRestHandler }[];
  /** Route modules for this org only (after the shared ones). */
  modules?: RouteModule[];
  /**
   * Users besides the admin and the integration user (an org with a dataDir keeps the users it
   * was first started with).
   */
  users?: ExtraUserConfig[];
  /** Faults for this org, instead of the shared `faults`. */
  faults?: FaultConfig;
  /** A Data Cloud tenant beside the org (its own server and tokens), instead of the shared `dataCloud`; false: none. */
  dataCloud?: boolean | DataCloudTenantConfig;
  /** Metadata API options for this org, instead of the shared `metadataApi`. */
  metadataApi?: MetadataApiConfig;
}

export interface StartMockOrgsOptions {
  orgs: (MockOrgConfig | string)[];
  /** SFDX source folder whose objects and fields the orgs have. Default: the repo's force-app; null: standard objects only. */
  sourceDir?: string | null;
  /**
   * Keep each org in `<dataDir>/<org-name-slug>.sqlite` (created if absent): a restart restores
   * the org id, users, connected app, sessions, counters and records. Absent: memory only.
   */
  dataDir?: string;
  /** Faults every org starts with (each org has its own PRNG and counters); see README "Faults". */
  faults?: FaultConfig;
  /** A Data Cloud tenant for every org (an org's own `dataCloud` replaces it); see README "Data Cloud tenant". */
  dataCloud?: true | DataCloudTenantConfig;
  /** Metadata API options for every org (see README "Metadata API"). */
  metadataApi?: MetadataApiConfig;
  /** Extra route modules every org serves. */
  modules?: RouteModule[];
  /** Interface to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Clock for the orgs (tests pin it). */
  now?: () => Date;
}

/** One running org as its caller sees it. */
export interface MockOrg {
  name: string;
  orgId: string;
  instanceUrl: string;
  /** The same server: each org is its own login endpoint, so JWT audiences and token calls go here. */
  loginUrl: string;
  /** `others`: the users the config added. */
  users: { admin: MockUser; integration: MockUser; others: MockUser[] };
  connectedApp: ConnectedApp;
  apexRest: ApexRestRegistry;
  /** The org's state (schema, store, sessions) for tests and modules. */
  state: OrgState;
  /** Change the org's faults at runtime: `set(rules)`, `clear()`, `get()`. */
  faults: FaultController;
  /** The org's Data Cloud tenant, when it has one. */
  dataCloud?: MockDataCloud;
  /** The org as a SAML service provider: its configs (from the source's samlssoconfigs, or registered) and ACS URL. */
  saml: MockOrgSaml;
  /** The org's Metadata API: deploys received and components applied. */
  metadata: MockOrgMetadata;
  close(): Promise<void>;
}

export interface MockOrgs {
  orgs: MockOrg[];
  /** The org by name (case-insensitive); throws when there is none. */
  org(name: string): MockOrg;
  close(): Promise<void>;
}

export class MockOrgError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ORG' | 'DUPLICATE_ORG',
    message: string,
  ) {
    super(message);
    this.name = 'MockOrgError';
  }
}

const DEFAULT_SOURCE_DIR = fileURLToPath(new URL('../../../force-app', import.meta.url));

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'org';

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Inserts the records every org starts with: the Organization, the profiles, the admin, the integration user and the configured users. */
function seed(org: OrgState, name: string, adminId: string, integrationId: string, extras: readonly ExtraUserConfig[]): void {
  const sys = { org, userId: adminId, system: true };
  const def = (object: string) => org.schema.object(object)!;
  createRecord(sys, def('Organization'), { Id: org.orgId, Name: `Mock Org ${name}`, OrganizationType: 'Developer Edition', InstanceName: 'MOCK1', IsSandbox: false, TimeZoneSidKey: 'America/Los_Angeles', LanguageLocaleKey: 'en_US', DefaultLocaleSidKey: 'en_US' });
  const adminProfile = createRecord(sys, def('Profile'), { Name: 'System Administrator', UserType: 'Standard', PermissionsModifyAllData: true });
  const integrationProfile = createRecord(sys, def('Profile'), { Name: 'Minimum Access - API Only Integrations', UserType: 'Standard' });
  const user = (id: string, username: string, first: string, last: string, alias: string, profileId: string): void => {
    createRecord(sys, def('User'), { Id: id, Username: username, Email: username, FirstName: first, LastName: last, Alias: alias, CommunityNickname: alias, ProfileId: profileId, IsActive: true, UserType: 'Standard' });
  };
  user(adminId, org.users[0]!.username, 'Admin', `Org ${name}`, 'admin', adminProfile);
  user(integrationId, org.users[1]!.username, 'Integration', `Org ${name}`, 'integ', integrationProfile);
  const standardProfile = createRecord(sys, def('Profile'), { Name: 'Standard User', UserType: 'Standard' });
  for (const [i, extra] of extras.entries()) {
    const mockUser = org.users[2 + i]!;
    const alias = `u${i + 1}`;
    createRecord(sys, def('User'), {
      Id: mockUser.id,
      Username: extra.username,
      Email: extra.email ?? extra.username,
      FirstName: extra.firstName ?? null,
      LastName: extra.lastName,
      Alias: alias,
      CommunityNickname: `${alias}-${mockUser.id.slice(-6)}`,
      ProfileId: extra.profile === 'System Administrator' ? adminProfile : standardProfile,
      IsActive: extra.isActive ?? true,
      FederationIdentifier: extra.federationIdentifier ?? null,
      UserType: 'Standard',
    });
  }
}

/** What the source folder says about SAML: its configs and SAML Enabled (undefined: it does not say). */
interface SourceSaml {
  configs: readonly SamlSsoConfig[];
  enabled: boolean | undefined;
}

async function startOrg(config: MockOrgConfig, index: number, built: BuiltSchema, orgSchema: OrgSchema, sourceSaml: SourceSaml, options: StartMockOrgsOptions, file: OrgFile | undefined): Promise<MockOrg> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const saved = file?.identity;
  // Each org gets its own 2-character "pod" so ids from two orgs never collide.
  const pod = saved?.pod ?? `${toBase62(5 + index, 1)}${toBase62(index * 7 + 10, 1)}`;
  const newId = createIdFactory(pod, file?.nextIdCounter(pod));
  const orgId = saved?.orgId ?? to18(newId('00D').slice(0, 15))!;
  const domain = `org-${slug(config.name)}.mock`;
  const adminId = saved?.users[0]?.id ?? newId('005');
  const integrationId = saved?.users[1]?.id ?? newId('005');
  const keys = saved?.connectedApp ?? createAppKeyPair(`${config.name} connected app`);
  const extras = saved ? [] : (config.users ?? []);
  const users: MockUser[] = saved?.users ?? [
    { id: adminId, username: `admin@${domain}`, password: randomBytes(9).toString('base64url'), profile: 'System Administrator' },
    { id: integrationId, username: `integration@${domain}`, password: randomBytes(9).toString('base64url'), profile: 'Integration User' },
    ...extras.map((u): MockUser => ({ id: newId('005'), username: u.username, password: u.password ?? randomBytes(9).toString('base64url'), profile: u.profile ?? 'Standard User' })),
  ];
  const org: OrgState = {
    name: config.name,
    orgId,
    instanceUrl: '',
    loginUrl: '',
    // The org's own schema and AutoNumber formats: deploys change this org only.
    schema: orgSchema.view,
    autoNumbers: new Map(built.autoNumbers),
    autoNumberCounters: file?.autoNumberCounters ?? new Map(),
    store: file?.store ?? createMemoryStore(orgSchema.view),
    newId,
    now,
    sessions: createSessionStore(orgId, (config.tokenTtlSeconds ?? 7200) * 1000, now, file?.sessions),
    users,
    connectedApp: saved?.connectedApp ?? {
      clientId: `3MVG9${randomBytes(60).toString('base64url').slice(0, 80)}`,
      clientSecret: randomBytes(32).toString('hex').toUpperCase(),
      certificatePem: keys.certificatePem,
      privateKeyPem: keys.privateKeyPem,
      runAsUserId: integrationId,
    },
    apexRest: createApexRestRegistry(),
    limits: { dailyApiRequests: { max: config.apiRequestLimit ?? 15000, used: 0 } },
    settings: { usernamePasswordEnabled: config.usernamePasswordEnabled === true, samlEnabled: config.samlEnabled ?? sourceSaml.enabled ?? false },
    queryCursors: new Map(),
  };
  if (!saved) {
    org.store.transaction(() => seed(org, config.name, adminId, integrationId, extras));
    file?.saveIdentity({ orgId, pod, users, connectedApp: org.connectedApp });
  }
  for (const route of config.apexRest ?? []) org.apexRest.register(route.method, route.path, route.handler);

  const faults = createFaultInjector(config.faults ?? options.faults);
  const dataCloud = config.dataCloud ?? options.dataCloud;
  const tenant = dataCloud
    ? await startDataCloudTenant({ org, faults, config: dataCloud === true ? {} : dataCloud, host, ...(options.dataDir !== undefined ? { file: join(options.dataDir, `${slug(config.name)}-datacloud.sqlite`) } : {}) })
    : undefined;
  const saml = createSamlServiceProvider(org, sourceSaml.configs);
  const metadata = createMetadataApi({ org, schema: orgSchema, saml: saml.api }, config.metadataApi ?? options.metadataApi, file?.deployLog);
  const modules = [createFaultAdminModule(faults), oauthModule, dataModule, sobjectModule, collectionModule, compositeModule, createQueryModule(), apexRestModule, ...(tenant ? [tenant.exchangeModule] : []), saml.module, metadata.module, ...(options.modules ?? []), ...(config.modules ?? [])];
  const { listener } = createRouter(org, modules, { faults });
  const server = createMockServer(listener);
  const port = await listen(server, config.port ?? 0, host).catch(async (err: unknown) => {
    metadata.close();
    await tenant?.close();
    throw err;
  });
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  org.instanceUrl = `http://${urlHost}:${port}`;
  org.loginUrl = org.instanceUrl;
  return {
    name: config.name,
    orgId,
    instanceUrl: org.instanceUrl,
    loginUrl: org.loginUrl,
    users: { admin: users[0]!, integration: users[1]!, others: users.slice(2) },
    connectedApp: org.connectedApp,
    apexRest: org.apexRest,
    state: org,
    faults,
    ...(tenant ? { dataCloud: tenant.api } : {}),
    saml: saml.api,
    metadata: metadata.api,
    close: async () => {
      metadata.close();
      await Promise.all([
        new Promise<void>((resolve, reject) => {
          server.close((err) => {
            file?.close();
            if (err) reject(err);
            else resolve();
          });
          server.closeAllConnections();
        }),
        tenant?.close(),
      ]);
    },
  };
}

/**
 * Starts one mock org per config, each on its own loopback port with its own org id, users,
 * connected app and data. Close them with the returned `close()`.
 */
export async function startMockOrgs(options: StartMockOrgsOptions): Promise<MockOrgs> {
  const configs = options.orgs.map((o) => (typeof o === 'string' ? { name: o } : o));
  const names = new Set<string>();
  for (const c of configs) {
    if (names.has(c.name.toLowerCase())) throw new MockOrgError('DUPLICATE_ORG', `Two orgs are named ${c.name}: give each org its own name.`);
    names.add(c.name.toLowerCase());
  }
  const sourceDir = options.sourceDir === undefined ? DEFAULT_SOURCE_DIR : options.sourceDir;
  const built = buildSchema(sourceDir === null ? [] : loadSourceSchema(sourceDir));
  const sourceSaml: SourceSaml = { configs: loadSamlSsoConfigs(sourceDir), enabled: samlEnabledInSource(sourceDir) };
  const started: MockOrg[] = [];
  try {
    for (const [index, config] of configs.entries()) {
      // With a dataDir the org lives in <dataDir>/<slug>.sqlite, and an existing file restores it.
      const orgSchema = createOrgSchema(built.schema);
      for (const def of [...APEX_OBJECTS, MATCHING_RULE_OBJECT]) orgSchema.putObject(def);
      const file = options.dataDir === undefined ? undefined : openOrgFile(join(options.dataDir, `${slug(config.name)}.sqlite`), orgSchema.view);
      started.push(await startOrg(config, index, built, orgSchema, sourceSaml, options, file).catch((err: unknown) => {
        file?.close();
        throw err;
      }));
    }
  } catch (err) {
    await Promise.all(started.map((o) => o.close()));
    throw err;
  }
  return {
    orgs: started,
    org(name) {
      const found = started.find((o) => o.name.toLowerCase() === name.toLowerCase());
      if (!found) throw new MockOrgError('UNKNOWN_ORG', `No mock org named ${name}; started: ${started.map((o) => o.name).join(', ')}.`);
      return found;
    },
    close: async () => {
      await Promise.all(started.map((o) => o.close()));
    },
  };
}
