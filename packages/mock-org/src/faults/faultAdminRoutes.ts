import { SfApiError } from '../errors.js';
import type { RequestContext, RouteModule, RouteResponse } from '../http/types.js';
import { isLoopbackAddress } from './loopback.js';
import type { FaultController } from './types.js';
import { FaultConfigError, parseFaultConfig } from './validateFaults.js';

/**
 * Only a process on this machine may change faults: the caller's address must be loopback, and a
 * request with an Origin header (a browser, perhaps steered here by DNS rebinding) is refused.
 * No token is asked for, since whoever is on the machine can already read the printed credentials.
 */
function assertLocalCaller(ctx: RequestContext): void {
  if (!isLoopbackAddress(ctx.remoteAddress) || ctx.headers.origin !== undefined) {
    throw new SfApiError(403, 'FORBIDDEN', 'The fault admin endpoint answers only loopback callers without an Origin header.');
  }
}

/** `GET/PUT/DELETE /__mock/faults`: read, replace and clear the org's faults. Faults never apply to it. */
export function createFaultAdminModule(faults: FaultController): RouteModule {
  const state = (): RouteResponse => ({ status: 200, body: faults.get() });
  const path = '/__mock/faults';
  return {
    name: 'faultAdmin',
    routes: [
      {
        method: 'GET',
        path,
        auth: 'public',
        faults: 'bypass',
        handler: (ctx) => {
          assertLocalCaller(ctx);
          return state();
        },
      },
      {
        method: 'PUT',
        path,
        auth: 'public',
        faults: 'bypass',
        handler: (ctx) => {
          assertLocalCaller(ctx);
          try {
            faults.set(parseFaultConfig(ctx.body));
          } catch (err) {
            if (err instanceof FaultConfigError) throw new SfApiError(400, err.code, err.message);
            throw err;
          }
          return state();
        },
      },
      {
        method: 'DELETE',
        path,
        auth: 'public',
        faults: 'bypass',
        handler: (ctx) => {
          assertLocalCaller(ctx);
          faults.clear();
          return state();
        },
      },
    ],
  };
}
