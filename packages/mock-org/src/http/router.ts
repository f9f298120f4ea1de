import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { OAuthError, SfApiError, invalidSession, jsonParserError, notFound } from '../errors.js';
import type { OrgState } from '../org.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { RequestContext, Route, RouteModule, RouteResponse, SubRequest } from './types.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import type { FaultErrorName } from '../faults/types.js';
import { faultErrorResponse, faultErrors } from '../faults/faultErrors.js';

/** Thrown by a drop fault; the listener destroys the socket without answering. */
const DROP = Symbol('drop connection');

interface HandleOptions {
  session?: Session;
  /** A subrequest of /composite: not counted against the API limit, and no faults of its own. */
  internal?: boolean;
  remoteAddress?: string;
}

/** What another API served by the same router (the Data Cloud tenant) changes; every default is the org's REST API. */
export interface RouterOptions {
  faults?: FaultInjector;
  /** Where the bearer tokens of 'session' routes live. Default: the org's sessions. */
  sessions?: Pick<SessionStore, 'get' | 'expire'>;
  /** Renders every error (SfApiError from the router, faults, handler throws) in another API's shape. */
  renderError?: (err: unknown, path: string) => RouteResponse;
  /** A body past this many bytes is not buffered: the request is answered 413 PAYLOAD_TOO_LARGE. Default: no limit. */
  maxBodyBytes?: number;
}

interface Match {
  route: Route;
  params: Record<string, string>;
}

/** A bad %-escape makes the path match nothing (a 404) instead of a thrown URIError. */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w === '*') {
      params['*'] = got.slice(i).join('/');
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    if (w.startsWith(':')) {
      const decoded = safeDecode(g);
      if (decoded === undefined) return undefined;
      params[w.slice(1)] = decoded;
    }
    else if (w.toLowerCase() !== g.toLowerCase()) return undefined;
  }
  return want.length === got.length ? params : undefined;
}

/** Salesforce answers as Jackson does; the column lets a client find the bad character. */
function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    const at = position === undefined ? text.length : Number(position);
    const ch = text[at];
    const detail = ch === undefined ? 'Unexpected end-of-input' : `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)}))`;
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    throw jsonParserError(`${detail}: was expecting JSON value at [line:${line}, column:${column}]`);
  }
}

function renderError(err: unknown): RouteResponse {
  if (err instanceof SfApiError) return { status: err.status, body: [err.toJSON()] };
  if (err instanceof OAuthError) return { status: err.status, body: { error: err.error, error_description: err.errorDescription } };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message }] };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const bearerToken = (header: string | undefined): string | undefined => /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '')?.[1];

/** Requests to the data APIs spend DailyApiRequests; OAuth and static routes do not. */
const countsAgainstLimit = (path: string): boolean => /^\/services\/(data\/v|apexrest\/)/i.test(path);

/**
 * The core of an org's HTTP server: finds the route, authenticates, parses the body, counts API
 * requests, and renders every error the Salesforce way. A handler that throws never takes the
 * server down: it becomes a 500 UNKNOWN_EXCEPTION.
 */
export function createRouter(org: OrgState, modules: RouteModule[], options: RouterOptions = {}): { listener: RequestListener; dispatch: (request: SubRequest, session?: Session) => Promise<RouteResponse> } {
  const routes = modules.flatMap((m) => m.routes);
  const sessions = options.sessions ?? org.sessions;
  const render = (err: unknown, path: string): RouteResponse => (options.renderError ? options.renderError(err, path) : renderError(err));
  const faultResponse = (error: FaultErrorName, path: string, retryAfterSeconds?: number): RouteResponse => {
    if (!options.renderError) return faultErrorResponse(error, retryAfterSeconds);
    const rendered = options.renderError(new SfApiError(faultErrors[error].status, error, faultErrors[error].message), path);
    return retryAfterSeconds === undefined ? rendered : { ...rendered, headers: { ...rendered.headers, 'retry-after': String(retryAfterSeconds) } };
  };

  const find = (method: string, path: string): Match | 'method' | undefined => {
    let pathMatched = false;
    for (const route of routes) {
      const params = matchPath(route.path, path);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return pathMatched ? 'method' : undefined;
  };

  async function handle(method: string, url: string, headers: Record<string, string | string[] | undefined>, rawBody: Buffer, parsedBody: unknown, { session, internal = false, remoteAddress }: HandleOptions = {}): Promise<RouteResponse> {
    const parsedUrl = new URL(url, org.instanceUrl);
    const path = parsedUrl.pathname.replace(/\/+$/, '') || '/';
    try {
      const match = find(method, path);
      if (match === 'method') throw new SfApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed.`);
      if (!match) throw notFound();
      const { route, params } = match;
      // One fault decision per client request, before the handler runs.
      const fault = internal || route.faults === 'bypass' ? undefined : options.faults?.decide(method, path);
      if (fault && fault.latencyMs > 0) await delay(fault.latencyMs);
      if (fault?.outcome?.kind === 'drop') throw DROP;
      if (fault?.outcome?.kind === 'error') return faultResponse(fault.outcome.error, path, fault.outcome.retryAfterSeconds);
      if (route.auth === 'session') {
        session = session ?? sessions.get(bearerToken(headers.authorization as string | undefined) ?? '');
        // A forced expiry ends the session for good, as a real timeout would: the client must refresh.
        if (session && fault?.outcome?.kind === 'expireToken') {
          sessions.expire(session.accessToken);
          session = undefined;
        }
        if (!session) throw invalidSession();
      }
      // A /composite subrequest is part of one API call, as Salesforce counts it.
      if (route.auth === 'session' && !internal && countsAgainstLimit(path)) {
        const limit = org.limits.dailyApiRequests;
        if (limit.used >= limit.max) throw new SfApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        limit.used++;
      }
      const contentType = String(headers['content-type'] ?? '');
      const isForm = contentType.includes('application/x-www-form-urlencoded');
      const body = parsedBody !== undefined ? parsedBody : route.body === 'raw' || isForm ? undefined : parseJson(rawBody);
      const ctx: RequestContext = {
        org,
        method,
        path,
        params,
        query: parsedUrl.searchParams,
        headers,
        body,
        ...(isForm ? { form: new URLSearchParams(rawBody.toString('utf8')) } : {}),
        rawBody,
        ...(session ? { session } : {}),
        ...(remoteAddress !== undefined ? { remoteAddress } : {}),
        dispatch: (sub) => dispatch(sub, session),
      };
      return await route.handler(ctx);
    } catch (err) {
      if (err === DROP) throw err;
      return render(err, path);
    }
  }

  const dispatch = (sub: SubRequest, session?: Session): Promise<RouteResponse> =>
    handle(sub.method.toUpperCase(), sub.url, { 'content-type': 'application/json', ...sub.headers }, Buffer.alloc(0), sub.body, { ...(session ? { session } : {}), internal: true });

  const listener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      // Past the cap the rest is read and thrown away, so the client still gets the 413.
      if (options.maxBodyBytes === undefined || received <= options.maxBodyBytes) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (options.maxBodyBytes !== undefined && received > options.maxBodyBytes) {
        send(res, render(new SfApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is ${received} bytes; the limit is ${options.maxBodyBytes}.`), (req.url ?? '/').split('?')[0]!));
        return;
      }
      handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), undefined, req.socket.remoteAddress !== undefined ? { remoteAddress: req.socket.remoteAddress } : {})
        .then((response) => send(res, response))
        .catch((err: unknown) => (err === DROP ? req.socket.destroy() : send(res, render(err, (req.url ?? '/').split('?')[0]!))));
    });
  };
  return { listener, dispatch };
}

function send(res: ServerResponse, response: RouteResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Buffer | undefined = response.raw;
  if (payload === undefined && response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
