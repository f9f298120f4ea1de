import { styleText } from 'node:util';
import { EXIT } from './exitCodes.js';

type Style = Parameters<typeof styleText>[0];

/** Colours only for a person at a terminal, and never when NO_COLOR is set. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return stream.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
}

/** The sf CLI's --json envelope: `status` is the exit code, `result` the command's data. */
export function printJson(status: number, result: unknown, warnings: string[] = []): void {
  process.stdout.write(`${JSON.stringify({ status, result, warnings }, null, 2)}\n`);
}

/** An error with a stable `code` and a message that says what to do. */
export interface UserFacingError {
  name: string;
  code: string;
  message: string;
}

function isUserFacing(err: unknown): err is UserFacingError {
  return err instanceof Error && typeof (err as Partial<UserFacingError>).code === 'string';
}

/**
 * Reports an error that stopped a command, without a stack trace: known errors by their message,
 * anything else with a pointer to ORGKIT_DEBUG for the trace. An error's `problems` (a schema's
 * lines, say) are already in its message and go into --json as data. Returns the exit code.
 */
export function reportFailure(err: unknown, json: boolean, exitCode: number = EXIT.CANNOT_RUN): number {
  const known = isUserFacing(err);
  const failure: UserFacingError = known
    ? { name: err.name, code: err.code, message: err.message }
    : { name: 'UnexpectedError', code: 'UNEXPECTED', message: `${(err as Error)?.message ?? String(err)} (set ORGKIT_DEBUG=1 for details)` };
  if (process.env.ORGKIT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  if (json) {
    const problems = (err as { problems?: unknown } | null)?.problems;
    process.stdout.write(`${JSON.stringify({ status: exitCode, ...failure, ...(Array.isArray(problems) ? { problems } : {}), exitCode }, null, 2)}\n`);
  } else {
    process.stderr.write(`${paint('red', 'Error', process.stderr)} (${failure.code}): ${failure.message}\n`);
  }
  return exitCode;
}
