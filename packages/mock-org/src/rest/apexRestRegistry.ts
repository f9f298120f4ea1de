import type { IncomingHttpHeaders } from 'node:http';
import { SfApiError } from '../errors.js';
import type { RouteModule } from '../http/types.js';

/** What an Apex REST handler (a stand-in for an @RestResource class) receives. */
export interface ApexRestRequest {
  method: string;
  /** The path after /services/apexrest, e.g. /verifiedAccounts */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: Buffer;
  /** The running user. */
  userId: string;
}

export interface ApexRestResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApexRestHandler = (request: ApexRestRequest) => ApexRestResponse | Promise<ApexRestResponse>;

export interface ApexRestRegistry {
  /** `path` as an @RestResource urlMapping: exact, or ending in /* for a prefix (case-sensitive, as Apex is). */
  register(method: string, path: string, handler: ApexRestHandler): void;
  find(method: string, path: string): ApexRestHandler | undefined;
}

export function createApexRestRegistry(): ApexRestRegistry {
  const entries: { method: string; path: string; handler: ApexRestHandler }[] = [];
  const matches = (pattern: string, path: string): boolean =>
    pattern.endsWith('/*') ? path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1)) : path === pattern;
  return {
    register(method, path, handler) {
      entries.push({ method: method.toUpperCase(), path: path.startsWith('/') ? path : `/${path}`, handler });
    },
    find(method, path) {
      return entries.find((e) => e.method === method.toUpperCase() && matches(e.path, path))?.handler;
    },
  };
}

/** /services/apexrest/* dispatched to handlers registered in code; a throwing handler is an APEX_ERROR. */
export const apexRestModule: RouteModule = {
  name: 'apexrest',
  routes: (['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const).map((method) => ({
    method,
    path: '/services/apexrest/*',
    auth: 'session' as const,
    handler: async (ctx) => {
      const path = `/${ctx.params['*'] ?? ''}`;
      const handler = ctx.org.apexRest.find(method, path);
      if (!handler) throw new SfApiError(404, 'NOT_FOUND', 'Could not find a match for URL');
      let response: ApexRestResponse;
      try {
        response = await handler({ method, path, query: ctx.query, headers: ctx.headers, body: ctx.body, rawBody: ctx.rawBody, userId: ctx.session!.userId });
      } catch (err) {
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new SfApiError(500, 'APEX_ERROR', message);
      }
      return { status: response.status ?? (response.body === undefined ? 200 : 200), body: response.body ?? null, ...(response.headers ? { headers: response.headers } : {}) };
    },
  })),
};
