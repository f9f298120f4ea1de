import { createReadStream, statSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { loadFilePosition, type FilePosition } from './fileCheckpoint.js';
import { SourceError } from './sourceError.js';

/** An input opened for reading: a file (possibly resumed at a saved position) or stdin. */
export interface FileInput {
  /** How record locations name it: the path as given, or "stdin". */
  name: string;
  stream: Readable;
  /** Where reading starts (0 / line 0 unless resumed). */
  start: FilePosition;
  resumed: boolean;
  totalBytes?: number;
}

const STDIN = '-';

/** The file's stats, or a SourceError that says which path could not be read. */
export function statInput(file: string): Stats | undefined {
  if (file === STDIN) return undefined;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error('not a regular file');
    return stats;
  } catch (err) {
    throw new SourceError('SOURCE_NOT_READABLE', `Cannot read ${file}: ${(err as Error).message}. Pass an existing file, or - for stdin.`, { cause: err });
  }
}

export function openFileInput(file: string, checkpointFile: string | undefined): FileInput {
  const stats = statInput(file);
  if (!stats) return { name: 'stdin', stream: process.stdin, start: { offset: 0, line: 0 }, resumed: false };
  const saved = checkpointFile ? loadFilePosition(checkpointFile, file, stats) : undefined;
  const start = saved ?? { offset: 0, line: 0 };
  return {
    name: file,
    stream: createReadStream(file, { start: start.offset, highWaterMark: 256 * 1024 }),
    start,
    resumed: saved !== undefined && saved.offset > 0,
    totalBytes: stats.size,
  };
}
