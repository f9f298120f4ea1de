import { Connection } from 'jsforce';

/** A jsforce connection for a token (e.g. coreLogin's), at the API version the project targets. */
export function orgConnection(token: { accessToken: string; instanceUrl: string }): Connection {
  return new Connection({ instanceUrl: token.instanceUrl, accessToken: token.accessToken, version: '65.0' });
}
