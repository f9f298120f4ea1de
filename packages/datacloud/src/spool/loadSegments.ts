import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readAckLog } from './ackLog.js';
import { createSegment, type Segment } from './segment.js';
import { acksFileName, eventsFileName, listSegmentFiles, readLastSeq } from './segmentFiles.js';

/** The segments a previous process left in dir, with their acks, and the highest seq ever used. */
export async function loadSegments(dir: string): Promise<{ segments: Segment[]; maxSeq: number }> {
  const { segments: firstSeqs, orphanAckLogs } = await listSegmentFiles(dir);
  // An ack log outlives its segment only when a crash fell between the two unlinks.
  await Promise.all(orphanAckLogs.map((path) => unlink(path).catch(() => undefined)));
  const segments: Segment[] = [];
  let maxSeq = 0;
  for (const firstSeq of firstSeqs) {
    const { lastSeq, bytes } = await readLastSeq(join(dir, eventsFileName(firstSeq)), firstSeq);
    const { acked, ackedCount, bytes: ackBytes } = await readAckLog(join(dir, acksFileName(firstSeq)), firstSeq, lastSeq);
    segments.push(createSegment(dir, firstSeq, { lastSeq, bytes, ackBytes, acked, ackedCount }));
    // Past firstSeq too: an empty segment's name must never be reused by the next one.
    maxSeq = Math.max(maxSeq, lastSeq, firstSeq);
  }
  return { segments, maxSeq };
}
