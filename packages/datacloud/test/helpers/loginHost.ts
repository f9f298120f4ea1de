import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoginHost {
  url: string;
  /** Method and path of every request it got. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A login host in front of a mock org (as login.salesforce.com is in front of a My Domain):
 * it forwards OAuth token requests to the org and answers anything else with an HTML page, as
 * a real login host answers /services/a360/token.
 */
export async function startLoginHost(orgUrl: string): Promise<LoginHost> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/services/oauth2/token') {
        void fetch(`${orgUrl}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) })
          .then(async (answer) => {
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            res.end(await answer.text());
          })
          .catch(() => res.destroy());
        return;
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>Page Not Found</title></head><body>The page you requested was not found.</body></html>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
