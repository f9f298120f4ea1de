import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeadLetterEntry } from './types.js';

export interface DeadLetterFile {
  /** Appends the entries as NDJSON; resolves after they are fsynced. */
  write(entries: readonly DeadLetterEntry[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The dead-letter NDJSON file, opened on the first entry (a clean run leaves no file). Writes
 * that arrive while one is being synced share the next write and fsync.
 */
export function openDeadLetterFile(path: string): DeadLetterFile {
  let handle: Promise<FileHandle> | undefined;
  let queued: { lines: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;

  const file = (): Promise<FileHandle> => (handle ??= mkdir(dirname(path), { recursive: true }).then(() => open(path, 'a')));

  async function drain(): Promise<void> {
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        const fh = await file();
        await fh.write(batch.map((q) => q.lines).join(''));
        await fh.datasync();
        for (const q of batch) q.resolve();
      } catch (err) {
        for (const q of batch) q.reject(err);
      }
    }
    writing = undefined;
  }

  return {
    write(entries) {
      if (entries.length === 0) return Promise.resolve();
      const lines = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
      const done = new Promise<void>((resolve, reject) => queued.push({ lines, resolve, reject }));
      writing ??= drain();
      return done;
    },
    async close() {
      await writing;
      if (handle) await (await handle).close();
      handle = undefined;
    },
  };
}
