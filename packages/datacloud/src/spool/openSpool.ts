import { appendFile, mkdir, unlink } from 'node:fs/promises';
import { toRanges } from './ackLog.js';
import { createGroupCommitWriter } from './groupCommit.js';
import { encodeAckLine, encodeEventLines } from './lineFormat.js';
import { loadSegments } from './loadSegments.js';
import { readSegmentEvents } from './readSegment.js';
import { unackedIn, type Segment } from './segment.js';
import { SpoolError } from './spoolError.js';
import { acquireSpoolLock } from './spoolLock.js';
import type { Spool, SpooledEvent, SpoolOptions } from './types.js';

const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;
// Acks are written lazily and never fsynced: an ack lost in a crash only means that event is sent
// again after the restart, which at-least-once delivery allows (a primary key makes it harmless).
const ACK_FLUSH_MS = 200;
const RECOVERY_CHUNK_EVENTS = 1000;
const RECOVERY_CHUNK_BYTES = 1024 * 1024;

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Opens (or creates) the write-ahead spool in options.dir: takes its lock, reads what a previous
 * process left unacknowledged, and appends new events to a fresh segment.
 */
export async function openSpool(options: SpoolOptions): Promise<Spool> {
  const { dir } = options;
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  const fsync = options.fsync ?? true;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new SpoolError('SPOOL_NOT_WRITABLE', `Cannot create the spool directory ${dir} (${(error as Error).message}). Choose a folder this user can write.`);
  }
  const lock = await acquireSpoolLock(dir).catch((error: Error) => {
    if (error instanceof SpoolError) throw error;
    throw new SpoolError('SPOOL_NOT_WRITABLE', `Cannot lock the spool directory ${dir} (${error.message}). Choose a folder this user can write.`);
  });

  let loaded: Awaited<ReturnType<typeof loadSegments>>;
  try {
    loaded = await loadSegments(dir);
  } catch (error) {
    await lock.release();
    throw new SpoolError('SPOOL_NOT_WRITABLE', `Cannot read the spool in ${dir} (${(error as Error).message}). Check the folder's permissions.`);
  }
  // Oldest first; a segment leaves this list when it is deleted.
  const segments: Segment[] = loaded.segments;
  const recoveredSegments = segments.filter((segment) => unackedIn(segment) > 0);
  const recoveredCount = recoveredSegments.reduce((sum, segment) => sum + unackedIn(segment), 0);
  let nextSeq = loaded.maxSeq + 1;
  let closing: Promise<void> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let maintenance: Promise<void> = Promise.resolve();

  const writer = createGroupCommitWriter({
    dir,
    segmentBytes,
    fsync,
    onSegmentStarted: (segment) => segments.push(segment),
    onSegmentClosed: () => scheduleMaintenance(),
  });

  /** Writes pending ack lines and deletes every finished segment (one run at a time). */
  function runMaintenance(): Promise<void> {
    maintenance = maintenance.then(async () => {
      for (const segment of [...segments]) {
        try {
          if (segment !== writer.current() && unackedIn(segment) === 0) {
            // Events first: if a crash falls between the two unlinks, only a harmless ack log is left.
            await unlinkIfPresent(segment.eventsPath);
            await unlinkIfPresent(segment.acksPath);
            segment.deleted = true;
            segments.splice(segments.indexOf(segment), 1);
          } else if (segment.pendingAcks.length > 0) {
            const text = segment.pendingAcks.join('');
            segment.pendingAcks = [];
            await appendFile(segment.acksPath, text);
            segment.ackBytes += Buffer.byteLength(text);
          }
        } catch {
          // A failed ack write or unlink only delays deletion or causes a resend; the next run tries again.
        }
      }
    });
    return maintenance;
  }

  function scheduleMaintenance(): void {
    if (flushTimer || closing) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void runMaintenance();
    }, ACK_FLUSH_MS);
    flushTimer.unref(); // an unflushed ack never needs to keep the process alive
  }

  /** The index of the last segment whose firstSeq is ≤ seq. */
  function segmentIndexFor(seq: number): number {
    let low = 0;
    let high = segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (segments[mid]!.firstSeq <= seq) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  function ackRange(from: number, to: number): void {
    for (let i = Math.max(0, segmentIndexFor(from)); i < segments.length && segments[i]!.firstSeq <= to; i++) {
      const segment = segments[i]!;
      const start = Math.max(from, segment.firstSeq);
      const end = Math.min(to, segment.lastSeq);
      let newlyAcked = 0;
      for (let seq = start; seq <= end; seq++) if (segment.acked.set(seq)) newlyAcked++;
      if (newlyAcked === 0) continue;
      segment.ackedCount += newlyAcked;
      segment.pendingAcks.push(encodeAckLine(start, end));
    }
  }

  async function* recovered(): AsyncGenerator<SpooledEvent[]> {
    for (const segment of recoveredSegments) {
      let chunk: SpooledEvent[] = [];
      let chunkBytes = 0;
      try {
        if (segment.deleted) continue;
        for await (const event of readSegmentEvents(segment.eventsPath)) {
          if (event.seq > segment.lastSeq || segment.acked.has(event.seq)) continue;
          chunk.push(event);
          chunkBytes += event.payload.length;
          if (chunk.length >= RECOVERY_CHUNK_EVENTS || chunkBytes >= RECOVERY_CHUNK_BYTES) {
            yield chunk;
            chunk = [];
            chunkBytes = 0;
          }
        }
      } catch (error) {
        // Every event of it was acknowledged (and the file deleted) while we were reading: nothing is owed.
        if (!(segment.deleted && (error as NodeJS.ErrnoException).code === 'ENOENT')) throw error;
      }
      if (chunk.length > 0) yield chunk;
    }
  }

  // Segments fully acknowledged (or empty) before the crash go now.
  await runMaintenance();

  return {
    recovered,
    recoveredCount,

    append(payloads) {
      if (closing) return Promise.reject(new SpoolError('SPOOL_CLOSED', `The spool ${dir} is closed; open it again before appending.`));
      if (payloads.length === 0) return Promise.resolve([]);
      const badIndex = payloads.findIndex((payload) => payload.includes('\n'));
      if (badIndex !== -1) {
        return Promise.reject(new SpoolError('SPOOL_INVALID_PAYLOAD', `Payload ${badIndex} contains a line break; serialize each event as one line of JSON.`));
      }
      const firstSeq = nextSeq;
      nextSeq += payloads.length;
      const events = payloads.map((payload, i): SpooledEvent => ({ seq: firstSeq + i, payload }));
      return writer.enqueue(encodeEventLines(firstSeq, payloads), events);
    },

    ack(seqs) {
      if (seqs.length === 0) return;
      for (const [from, to] of toRanges(seqs)) ackRange(from, to);
      scheduleMaintenance();
    },

    stats() {
      let bytesOnDisk = 0;
      let unacked = 0;
      for (const segment of segments) {
        bytesOnDisk += segment.bytes + segment.ackBytes;
        unacked += unackedIn(segment);
      }
      return { segments: segments.length, bytesOnDisk, unacked };
    },

    close() {
      closing ??= (async () => {
        await writer.close();
        clearTimeout(flushTimer);
        flushTimer = undefined;
        await runMaintenance();
        await lock.release();
      })();
      return closing;
    },
  };
}
