import { readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A read position in a file: the byte after the last committed line and that line's number. */
export interface FilePosition {
  offset: number;
  line: number;
  /** CSV: the header read before the position, so a resumed read knows its columns. */
  header?: string[];
}

/** What identifies the file a position belongs to: a rewritten or grown file is read from the start. */
interface FileIdentity {
  file: string;
  ino: number;
  size: number;
  mtimeMs: number;
}

type StoredCheckpoint = FileIdentity & FilePosition;

function identity(file: string, stats: Stats): FileIdentity {
  return { file: path.resolve(file), ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

/** The saved position for this exact file, or undefined (none, unreadable, or another file/version). */
export function loadFilePosition(checkpointFile: string, file: string, stats: Stats): FilePosition | undefined {
  let stored: Partial<StoredCheckpoint>;
  try {
    stored = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Partial<StoredCheckpoint>;
  } catch {
    return undefined; // absent or torn by a crash: reading from the start is always safe
  }
  const id = identity(file, stats);
  const same = stored.file === id.file && stored.ino === id.ino && stored.size === id.size && stored.mtimeMs === id.mtimeMs;
  if (!same || typeof stored.offset !== 'number' || typeof stored.line !== 'number' || stored.offset > id.size) return undefined;
  return { offset: stored.offset, line: stored.line, ...(Array.isArray(stored.header) ? { header: stored.header } : {}) };
}

/** Saves a position atomically (write then rename): a crash leaves the old one or the new one. */
export async function saveFilePosition(checkpointFile: string, file: string, position: FilePosition): Promise<void> {
  const stored: StoredCheckpoint = { ...identity(file, statSync(file)), ...position };
  await mkdir(path.dirname(checkpointFile), { recursive: true });
  // One name: the spool lock lets one run at a time write here, and a kill mid-write leaves no litter.
  const temp = `${checkpointFile}.tmp`;
  await writeFile(temp, JSON.stringify(stored));
  await rename(temp, checkpointFile);
}

/** Forgets the position once a file was read to the end and everything in it was delivered. */
export function clearFileCheckpoint(checkpointFile: string): void {
  rmSync(checkpointFile, { force: true });
}
