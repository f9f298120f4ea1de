import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * An HTTP server for a mock org, tenant or IdP. Keep-alive lasts a minute instead of Node's 5 s:
 * clients in the same process (tests) reuse sockets, and a long synchronous step (XML schema
 * validation, a big SOQL sort) must not let the server close a socket the client is writing to.
 */
export function createMockServer(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  return server;
}
