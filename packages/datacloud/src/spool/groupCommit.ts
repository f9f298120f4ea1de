import { open, type FileHandle } from 'node:fs/promises';
import { SpoolError } from './spoolError.js';
import { createSegment, type Segment } from './segment.js';
import type { SpooledEvent } from './types.js';

interface PendingAppend {
  buffer: Buffer;
  events: SpooledEvent[];
  resolve: (events: SpooledEvent[]) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitOptions {
  dir: string;
  segmentBytes: number;
  fsync: boolean;
  /** A new segment file exists (the spool tracks it from now on). */
  onSegmentStarted(segment: Segment): void;
  /** The segment being written changed; the previous one (if any) may now be finished. */
  onSegmentClosed(segment: Segment): void;
}

export interface GroupCommitWriter {
  /** Queues encoded lines for the next write; resolves with events once they are on disk. */
  enqueue(buffer: Buffer, events: SpooledEvent[]): Promise<SpooledEvent[]>;
  /** The segment appends go to now, if one is open. */
  current(): Segment | undefined;
  /** Waits for every queued append, then closes the open segment file. */
  close(): Promise<void>;
}

/** One writev of every queued buffer (no copy into one); a short write is finished with plain writes. */
async function writeAll(file: FileHandle, buffers: Buffer[]): Promise<number> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  let written = (await file.writev(buffers)).bytesWritten;
  if (written < total) {
    const rest = Buffer.concat(buffers).subarray(written);
    for (let offset = 0; offset < rest.length; ) offset += (await file.write(rest, offset, rest.length - offset)).bytesWritten;
    written = total;
  }
  return written;
}

/**
 * Appends to the current segment with group commit: whatever queued up while one write + fdatasync
 * ran goes out in the next single write + fdatasync, so many concurrent appends share one disk sync.
 */
export function createGroupCommitWriter(options: GroupCommitOptions): GroupCommitWriter {
  let queue: PendingAppend[] = [];
  let draining: Promise<void> | undefined;
  let open_: { segment: Segment; file: FileHandle } | undefined;

  async function syncDir(): Promise<void> {
    const dirHandle = await open(options.dir, 'r');
    try {
      await dirHandle.sync(); // the new file's name survives a power cut, not only its bytes
    } finally {
      await dirHandle.close();
    }
  }

  async function startSegment(firstSeq: number): Promise<void> {
    await closeSegment();
    const segment = createSegment(options.dir, firstSeq);
    const file = await open(segment.eventsPath, 'ax');
    open_ = { segment, file };
    options.onSegmentStarted(segment);
    if (options.fsync) await syncDir();
  }

  async function closeSegment(): Promise<void> {
    if (!open_) return;
    const { segment, file } = open_;
    open_ = undefined;
    await file.close().catch(() => undefined);
    options.onSegmentClosed(segment);
  }

  async function writeGroup(group: PendingAppend[]): Promise<void> {
    const buffers = group.map((p) => p.buffer);
    const firstSeq = group[0]!.events[0]!.seq;
    const lastEvents = group[group.length - 1]!.events;
    if (!open_) await startSegment(firstSeq);
    const { segment, file } = open_!;
    const bytes = await writeAll(file, buffers);
    if (options.fsync) await file.datasync();
    segment.lastSeq = lastEvents[lastEvents.length - 1]!.seq;
    segment.bytes += bytes;
    // Full: close it now, so it can be deleted as soon as its events are acknowledged.
    if (segment.bytes >= options.segmentBytes) await closeSegment();
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      try {
        await writeGroup(group);
        for (const pending of group) pending.resolve(pending.events);
      } catch (cause) {
        // A partial line may sit at the end of this file: later lines go to a fresh segment, never after it.
        await closeSegment();
        const error = new SpoolError(
          'SPOOL_WRITE_FAILED',
          `Could not write to the spool ${options.dir} (${(cause as Error).message}). Free disk space or fix the folder's permissions; these events were not spooled.`,
        );
        for (const pending of group) pending.reject(error);
      }
    }
    draining = undefined;
  }

  return {
    enqueue(buffer, events) {
      return new Promise((resolve, reject) => {
        queue.push({ buffer, events, resolve, reject });
        draining ??= drain();
      });
    },
    current: () => open_?.segment,
    async close() {
      while (draining) await draining;
      await closeSegment();
    },
  };
}
