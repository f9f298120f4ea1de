import type { IncomingHttpHeaders } from 'node:http';
import type { Session } from '../auth/sessions.js';
import type { OrgState } from '../org.js';

/** What a handler returns: a JSON body (rendered by the router) or a raw body with its own content type. */
export interface RouteResponse {
  status: number;
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** A request as a handler sees it, already authenticated and parsed. */
export interface RequestContext {
  org: OrgState;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when there is none or the route reads raw bodies). */
  body: unknown;
  /** Set for application/x-www-form-urlencoded bodies. */
  form?: URLSearchParams;
  rawBody: Buffer;
  /** Always set on 'session' routes. */
  session?: Session;
  /** The caller's IP address; absent for subrequests run through `dispatch`. */
  remoteAddress?: string;
  /** Runs another request in this org as the same session (/composite uses it). */
  dispatch(request: SubRequest): Promise<RouteResponse>;
}

export interface SubRequest {
  method: string;
  /** Path and query, e.g. /services/data/v65.0/sobjects/Account */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => RouteResponse | Promise<RouteResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Segments; `:name` captures one, a final `*` captures the rest (as params['*']). */
  path: string;
  /** 'session': a valid access token is required (401 INVALID_SESSION_ID otherwise). */
  auth: 'public' | 'session';
  /** 'raw': the router does not parse the body (SOAP, multipart). Default 'json'. */
  body?: 'json' | 'raw';
  /** 'bypass': fault rules never apply (the fault admin endpoint, so faults can always be cleared). */
  faults?: 'bypass';
  handler: Handler;
}

/**
 * A feature of the org that plugs in without touching the core: OAuth, REST data, and later the
 * Metadata API, the Data Cloud tenant, the SAML SP and Apex execution.
 */
export interface RouteModule {
  name: string;
  routes: Route[];
}
