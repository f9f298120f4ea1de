import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEventBody, splitLines, verifiedBody } from './lineFormat.js';

// A segment is `seg-<first seq, 16 digits>.events` plus its ack log `seg-<same>.acks`; the
// zero-padded first seq makes name order the append order.
const SEGMENT_NAME = /^seg-(\d{16})\.(events|acks)$/;

export const eventsFileName = (firstSeq: number): string => `seg-${String(firstSeq).padStart(16, '0')}.events`;
export const acksFileName = (firstSeq: number): string => `seg-${String(firstSeq).padStart(16, '0')}.acks`;

/** The segments in dir (by first seq, oldest first) and ack logs whose segment is gone. */
export async function listSegmentFiles(dir: string): Promise<{ segments: number[]; orphanAckLogs: string[] }> {
  const events = new Set<number>();
  const acks = new Map<number, string>();
  for (const name of await readdir(dir)) {
    const match = SEGMENT_NAME.exec(name);
    if (!match) continue;
    const firstSeq = Number(match[1]);
    if (match[2] === 'events') events.add(firstSeq);
    else acks.set(firstSeq, name);
  }
  const orphanAckLogs = [...acks].filter(([firstSeq]) => !events.has(firstSeq)).map(([, name]) => join(dir, name));
  return { segments: [...events].sort((a, b) => a - b), orphanAckLogs };
}

/**
 * The seq of the last whole line of a segment (firstSeq - 1 when it has none) and its size,
 * reading backwards from the end so opening a large spool costs a few small reads.
 */
export async function readLastSeq(path: string, firstSeq: number): Promise<{ lastSeq: number; bytes: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    for (let window = 64 * 1024; ; window *= 2) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      // Past the first newline of the window the lines are whole (unless the window starts the file).
      const firstNewline = start === 0 ? -1 : buffer.indexOf(0x0a);
      const { lines } = splitLines(buffer.subarray(firstNewline + 1));
      for (let i = lines.length - 1; i >= 0; i--) {
        const body = verifiedBody(lines[i]!);
        const event = body && decodeEventBody(body);
        if (event) return { lastSeq: event.seq, bytes: size };
      }
      if (start === 0) return { lastSeq: firstSeq - 1, bytes: size };
    }
  } finally {
    await file.close();
  }
}
