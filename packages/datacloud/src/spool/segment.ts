import { join } from 'node:path';
import { createAckBits, type AckBits } from './ackBits.js';
import { acksFileName, eventsFileName } from './segmentFiles.js';

/** One segment's file paths and what the spool knows about it in memory. */
export interface Segment {
  readonly firstSeq: number;
  /** firstSeq - 1 while the segment holds no event; seqs firstSeq..lastSeq are all in the file. */
  lastSeq: number;
  readonly eventsPath: string;
  readonly acksPath: string;
  bytes: number;
  ackBytes: number;
  readonly acked: AckBits;
  ackedCount: number;
  /** Ack-log lines not yet written. */
  pendingAcks: string[];
  deleted: boolean;
}

export function createSegment(dir: string, firstSeq: number, known?: Partial<Pick<Segment, 'lastSeq' | 'bytes' | 'ackBytes' | 'acked' | 'ackedCount'>>): Segment {
  return {
    firstSeq,
    lastSeq: known?.lastSeq ?? firstSeq - 1,
    eventsPath: join(dir, eventsFileName(firstSeq)),
    acksPath: join(dir, acksFileName(firstSeq)),
    bytes: known?.bytes ?? 0,
    ackBytes: known?.ackBytes ?? 0,
    acked: known?.acked ?? createAckBits(firstSeq),
    ackedCount: known?.ackedCount ?? 0,
    pendingAcks: [],
    deleted: false,
  };
}

export const unackedIn = (segment: Segment): number => segment.lastSeq - segment.firstSeq + 1 - segment.ackedCount;
