import { SsoImportError } from './idpMetadata/ssoImportError.js';

export interface FetchMetadataOptions {
  /** Allow http:// (a local test IdP); metadata carries the certificate Salesforce trusts, so https is the default. */
  allowHttp?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 1_048_576 } as const;

function checkUrl(url: string, allowHttp: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SsoImportError('METADATA_URL_INVALID', `${url} is not a URL. Give the IdP's metadata URL, e.g. https://login.microsoftonline.com/<tenant>/federationmetadata/2007-06/federationmetadata.xml?appid=<app id>.`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:') {
    if (allowHttp) return parsed;
    throw new SsoImportError('METADATA_URL_INSECURE', `${url} is plain http: anyone on the network could swap the IdP certificate Salesforce will trust. Use the https URL, or pass --allow-http for a local test IdP.`);
  }
  throw new SsoImportError('METADATA_URL_INVALID', `${url}: only https URLs are supported (got ${parsed.protocol}).`);
}

/** Reads the body, stopping as soon as it passes `maxBytes` (a wrong URL can stream forever). */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number, url: string): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SsoImportError('METADATA_TOO_LARGE', `${url} sent more than ${maxBytes} bytes, far more than any IdP metadata. Check the URL points at the metadata XML.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Downloads IdP metadata: https only (unless allowHttp), with a timeout and a size cap. */
export async function fetchMetadata(url: string, options: FetchMetadataOptions = {}): Promise<string> {
  const allowHttp = Boolean(options.allowHttp);
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  checkUrl(url, allowHttp);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1' } });
    // A redirect must not downgrade the transport the user asked for.
    checkUrl(response.url || url, allowHttp);
    if (!response.ok) {
      await response.body?.cancel();
      throw new SsoImportError('METADATA_FETCH_FAILED', `${url} answered HTTP ${response.status}. Check the metadata URL (the IdP admin can copy it from the application's SAML settings).`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new SsoImportError('METADATA_TOO_LARGE', `${url} is ${declared} bytes, more than the ${maxBytes}-byte limit for IdP metadata. Check the URL points at the metadata XML.`);
    }
    return response.body ? await readCapped(response.body, maxBytes, url) : '';
  } catch (err) {
    if (err instanceof SsoImportError) throw err;
    if (signal.aborted) {
      throw new SsoImportError('METADATA_FETCH_TIMEOUT', `${url} did not send the metadata within ${timeoutMs / 1000} s. Check the URL and your network, or download the file and use --metadata-file.`);
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new SsoImportError('METADATA_FETCH_FAILED', `Could not download ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}. Check the URL and your network, or download the file and use --metadata-file.`);
  }
}
