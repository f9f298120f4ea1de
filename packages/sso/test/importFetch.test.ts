import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetadata, importSamlSsoConfig, SsoImportError } from '../src/index.js';
import { tempDir } from './fixtures/tempDir.js';

const OKTA = readFileSync(new URL('./fixtures/idp-metadata/okta.xml', import.meta.url), 'utf8');
const hanging = new Set<ServerResponse>();
let server: Server;
let base: string;

/** A loopback "IdP" whose paths misbehave the ways a metadata URL can. */
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/metadata') {
      res.setHeader('content-type', 'application/samlmetadata+xml');
      res.end(OKTA);
    } else if (req.url === '/huge-declared') {
      res.setHeader('content-length', String(2 * 1_048_576));
      res.write('<'.repeat(1024));
      hanging.add(res);
    } else if (req.url === '/huge-streamed') {
      // No content-length: only counting the bytes as they arrive catches this one.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const push = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', push);
      };
      push();
    } else if (req.url === '/hang') {
      hanging.add(res);
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function fetchError(url: string, options = {}): Promise<SsoImportError> {
  const err = await fetchMetadata(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof SsoImportError) return err;
  throw new Error(`expected an SsoImportError, got ${String(err)}`);
}

describe('--metadata-url', () => {
  it('refuses plain http without --allow-http, and writes nothing', async () => {
    const out = await tempDir('orgkit-sso-import');
    const err = (await importSamlSsoConfig({ metadataUrl: `${base}/metadata`, name: 'Okta', outDir: out }).then(
      () => undefined,
      (e: unknown) => e,
    )) as SsoImportError;
    expect(err.code).toBe('METADATA_URL_INSECURE');
    expect(err.message).toContain('--allow-http');
    expect(await readdir(out)).toEqual([]);
  });

  it('imports from an http URL with --allow-http', async () => {
    const out = await tempDir('orgkit-sso-import');
    const result = await importSamlSsoConfig({ metadataUrl: `${base}/metadata`, allowHttp: true, name: 'Okta', outDir: out });
    expect(result.fields.issuer).toBe('http://www.okta.com/exk9orgkit1a2b3c4d5');
    expect(await readFile(path.join(out, 'Okta.samlssoconfig-meta.xml'), 'utf8')).toContain('<issuer>http://www.okta.com/exk9orgkit1a2b3c4d5</issuer>');
  });

  it('refuses a response that declares more than the size cap', async () => {
    const err = await fetchError(`${base}/huge-declared`, { allowHttp: true });
    expect(err.code).toBe('METADATA_TOO_LARGE');
    expect(err.message).toContain('1048576-byte limit');
  });

  it('stops reading a response that streams past the size cap', async () => {
    const err = await fetchError(`${base}/huge-streamed`, { allowHttp: true, maxBytes: 256 * 1024 });
    expect(err.code).toBe('METADATA_TOO_LARGE');
    expect(err.message).toContain('more than 262144 bytes');
  });

  it('gives up on a server that never answers', async () => {
    const err = await fetchError(`${base}/hang`, { allowHttp: true, timeoutMs: 300 });
    expect(err.code).toBe('METADATA_FETCH_TIMEOUT');
    expect(err.message).toContain('did not send the metadata within 0.3 s');
  });

  it('reports the HTTP status of a wrong URL', async () => {
    const err = await fetchError(`${base}/nope`, { allowHttp: true });
    expect(err.code).toBe('METADATA_FETCH_FAILED');
    expect(err.message).toContain('HTTP 404');
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await fetchError(`http://127.0.0.1:${port}/metadata`, { allowHttp: true });
    expect(err.code).toBe('METADATA_FETCH_FAILED');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('refuses what is not a URL, and other schemes', async () => {
    expect((await fetchError('not a url')).code).toBe('METADATA_URL_INVALID');
    expect((await fetchError('file:///etc/passwd')).code).toBe('METADATA_URL_INVALID');
  });
});
