import { SfApiError } from '../errors.js';
import type { Route } from '../http/types.js';
import { requireVersion } from '../rest/apiVersion.js';

/** The Tooling API's ExecuteAnonymousResult, as the REST resource answers it. */
export interface ExecuteAnonymousResult {
  line: number;
  column: number;
  compiled: boolean;
  success: boolean;
  compileProblem: string | null;
  exceptionStackTrace: string | null;
  exceptionMessage: string | null;
}

export const NOT_EXECUTED =
  'The mock org does not execute Apex: the code parses (a syntax check only; names and types are not checked) but nothing ran. Run it against a real org to get its effect.';

/**
 * Anonymous Apex as the mock can honestly answer it: a syntax error as the compiler would report
 * it (compiled: false, line, column), otherwise compiled but not a success, because nothing ran.
 */
export async function executeAnonymous(body: string): Promise<ExecuteAnonymousResult> {
  // The parser loads lazily: only an org that is asked to run Apex pays for it.
  const { apexSyntaxProblem } = await import('@orgkit/checks/mdapi');
  const problem = apexSyntaxProblem(body, 'anonymous');
  if (problem) return { line: problem.line, column: problem.column, compiled: false, success: false, compileProblem: problem.message, exceptionStackTrace: null, exceptionMessage: null };
  return { line: -1, column: -1, compiled: true, success: false, compileProblem: null, exceptionStackTrace: null, exceptionMessage: NOT_EXECUTED };
}

/** `GET /services/data/vXX.X/tooling/executeAnonymous?anonymousBody=…`, as jsforce's tooling.executeAnonymous calls it. */
export function executeAnonymousRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/services/data/:version/tooling/executeAnonymous',
      auth: 'session',
      handler: async (ctx) => {
        requireVersion(ctx.params.version);
        const body = ctx.query.get('anonymousBody');
        if (!body?.trim()) throw new SfApiError(400, 'MISSING_ARGUMENT', 'anonymousBody is required: pass the anonymous Apex to run as ?anonymousBody=<url-encoded Apex>.');
        return { status: 200, body: await executeAnonymous(body) };
      },
    },
  ];
}
