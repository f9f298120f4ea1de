import type { RecordStore } from './store/types.js';
import type { SchemaView } from './schema/types.js';
import type { QueryRow } from './soql/types.js';
import type { SessionStore } from './auth/sessions.js';
import type { ApexRestRegistry } from './rest/apexRestRegistry.js';

/** A user the mock org creates at start, with what a client needs to log in as them. */
export interface MockUser {
  id: string;
  username: string;
  /** For the username-password flow (only when the org enables it). */
  password: string;
  profile: 'System Administrator' | 'Integration User' | 'Standard User';
}

/** The connected app every mock org has: JWT bearer, client credentials and refresh tokens go through it. */
export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** Self-signed X.509 certificate (PEM) the org verifies JWT signatures with. */
  certificatePem: string;
  /** The matching RSA private key (PKCS#8 PEM), handed to clients so they can sign JWTs. */
  privateKeyPem: string;
  /** The client-credentials flow runs as this user. */
  runAsUserId: string;
}

/** Everything one org holds; route modules receive it in their handler context. */
export interface OrgState {
  name: string;
  orgId: string;
  instanceUrl: string;
  loginUrl: string;
  schema: SchemaView;
  /** "object.field" (lower case) → AutoNumber display format. */
  autoNumbers: Map<string, string>;
  autoNumberCounters: Map<string, number>;
  store: RecordStore;
  newId(keyPrefix: string): string;
  now(): Date;
  sessions: SessionStore;
  users: MockUser[];
  connectedApp: ConnectedApp;
  apexRest: ApexRestRegistry;
  limits: { dailyApiRequests: { max: number; used: number } };
  settings: {
    usernamePasswordEnabled: boolean;
    /** Setup → Single Sign-On Settings → SAML Enabled: off, the org takes no SAML login. */
    samlEnabled: boolean;
  };
  /** Query results still being paged through, by query locator id (01g…). */
  queryCursors: Map<string, QueryRow[]>;
}
