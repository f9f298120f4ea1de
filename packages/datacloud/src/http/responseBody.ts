import { DataCloudError } from '../errors.js';

/** What Salesforce answered, read once: the status, headers and the body parsed when it is JSON. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The API's own error fields: the Data Cloud body {error, message, internalErrorCode…} or OAuth {error, error_description}. */
export function apiErrorFields(res: ApiResponse): Record<string, unknown> | undefined {
  if (isObject(res.json)) return res.json;
  if (Array.isArray(res.json) && isObject(res.json[0])) return res.json[0];
  return undefined;
}

/** One line saying what the API said: its message and code, or the start of a non-JSON body. */
export function apiErrorText(res: ApiResponse): string {
  const fields = apiErrorFields(res);
  if (fields) {
    const message = fields.message ?? fields.error_description ?? fields.errorMessage ?? fields.error;
    const code = fields.internalErrorCode ?? fields.errorCode ?? (fields.error !== message ? fields.error : undefined);
    const text = typeof message === 'string' ? message : JSON.stringify(fields).slice(0, 300);
    return typeof code === 'string' && code.length > 0 ? `${text} (${code})` : text;
  }
  const snippet = res.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
  return snippet.length > 0 ? `HTTP ${res.status}: ${snippet}` : `HTTP ${res.status} with an empty body`;
}

/**
 * The JSON body of a successful answer. An HTML page here is the known trap (Help 005104785): the
 * endpoint is wrong, Data Cloud is not provisioned, or a core token was reused with the exchange.
 */
export function requireJson(res: ApiResponse, what: string): Record<string, unknown> {
  if (isObject(res.json)) return res.json;
  const looksHtml = /^\s*</.test(res.text);
  throw new DataCloudError(
    'NOT_JSON_RESPONSE',
    `${what} answered HTTP ${res.status} with ${looksHtml ? 'an HTML page' : 'a body that is not JSON'} instead of JSON. ` +
      'Check that the org has Data Cloud provisioned and the connected app has the cdp_ingest_api and api scopes, and get a fresh core token for every exchange ' +
      '(with the username-password flow a core token is accepted only once; Help article 005104785). JWT bearer or client credentials avoid this.',
    { status: res.status },
  );
}
