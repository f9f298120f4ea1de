import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where a run keeps everything it writes: org databases, JWT keys, @salesforce/core auth files, the spool. */
export interface SandboxFolder {
  dir: string;
  /** False: made for this run and removed by `remove()`. */
  kept: boolean;
  /** A sub-folder, created on first use; `fresh` empties it first. */
  sub(name: string, options?: { fresh?: boolean }): string;
  remove(): void;
}

/** --data-dir names something that is not a folder this user can write to. */
export class SandboxDataDirError extends Error {
  readonly code = 'SANDBOX_DATA_DIR_UNUSABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SandboxDataDirError';
  }
}

export function openSandboxFolder(dataDir?: string): SandboxFolder {
  const kept = Boolean(dataDir);
  let dir: string;
  try {
    dir = dataDir ? path.resolve(dataDir) : mkdtempSync(path.join(os.tmpdir(), 'orgkit-sandbox-'));
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const where = dataDir ? `--data-dir ${dataDir}` : `A temp folder in ${os.tmpdir()}`;
    throw new SandboxDataDirError(`${where} cannot be used (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Pass a folder you can write to${dataDir ? '' : ' with --data-dir, or set TMPDIR'}.`, { cause: err });
  }
  return {
    dir,
    kept,
    sub(name, options) {
      const sub = path.join(dir, name);
      if (options?.fresh) rmSync(sub, { recursive: true, force: true });
      mkdirSync(sub, { recursive: true });
      return sub;
    },
    remove() {
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * @salesforce/core writes its auth files under HOME and checks the instance's DNS name: for the
 * run, HOME is a folder of the sandbox and the DNS check is off (loopback has no DNS name). Returns
 * how to put the variables back.
 */
export function useSandboxEnv(home: string): () => void {
  const vars = { HOME: home, SF_DISABLE_DNS_CHECK: 'true', SF_DISABLE_LOG_FILE: 'true' } as const;
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
