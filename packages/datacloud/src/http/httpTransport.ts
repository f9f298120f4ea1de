import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { ApiResponse } from './responseBody.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  /** Bytes or text, or a stream with its length (bulk CSV parts are streamed from disk). */
  body?: Buffer | string | { stream: Readable; length: number };
  signal?: AbortSignal;
}

// Keep-alive sockets shared by every call, so a stream of requests reuses a few connections.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

const parseJson = (text: string): unknown => {
  if (text.length === 0 || !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * One HTTP exchange over node:http rather than fetch: a request body goes to the socket as the
 * Buffer it already is, with no second copy, which keeps a 200 KB-a-request streamer's memory flat.
 * Network failures reject with the socket's error (code ECONNRESET, ECONNREFUSED…).
 */
export function sendHttp(url: string, req: HttpRequest): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const body = req.body;
    const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : body.length;
    const request = client.request(target, { method: req.method, headers: { ...req.headers, 'content-length': String(length) }, agent, ...(req.signal ? { signal: req.signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), text, json: parseJson(text) });
      });
    });
    request.on('error', reject);
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) request.end(body);
    else body.stream.on('error', (err) => request.destroy(err)).pipe(request);
  });
}
