import type { CoreAuth, CoreToken, CoreTokenSource } from '@orgkit/org-auth';

export type { CoreAuth, CoreToken, CoreTokenSource };

export interface DataCloudAuthOptions {
  core: CoreAuth;
  /** Data space for the exchanged token; absent: the org's default. */
  dataspace?: string;
  /** Refresh the tenant token this long before it expires (default 300, at most half its lifetime). */
  refreshSkewSeconds?: number;
}

/** A Data Cloud tenant token and where to send requests with it. */
export interface TenantToken {
  accessToken: string;
  /** With scheme, no trailing slash, e.g. https://abc.c360a.salesforce.com. */
  tenantUrl: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenProvider {
  get(): Promise<TenantToken>;
  /** The API refused this token (401): drop it so the next get() fetches a new one. */
  invalidate(accessToken: string): void;
}
