import { readFile, truncate } from 'node:fs/promises';
import { createAckBits, type AckBits } from './ackBits.js';
import { decodeAckBody, splitLines, verifiedBody } from './lineFormat.js';

/**
 * Reads a segment's ack log into a bitset and counts the acknowledged seqs in firstSeq..lastSeq.
 * A torn last line (a crash mid-append) is cut off, so the acks appended from now on start on a
 * line of their own instead of gluing onto it.
 */
export async function readAckLog(path: string, firstSeq: number, lastSeq: number): Promise<{ acked: AckBits; ackedCount: number; bytes: number }> {
  const acked = createAckBits(firstSeq);
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { acked, ackedCount: 0, bytes: 0 };
    throw error;
  }
  const { lines, rest } = splitLines(text);
  let ackedCount = 0;
  for (const line of lines) {
    const body = verifiedBody(line);
    const range = body && decodeAckBody(body);
    if (!range) continue;
    for (let seq = Math.max(range.from, firstSeq); seq <= Math.min(range.to, lastSeq); seq++) if (acked.set(seq)) ackedCount++;
  }
  const bytes = text.length - rest.length;
  if (rest.length > 0) await truncate(path, bytes);
  return { acked, ackedCount, bytes };
}

/** Ack-log ranges for a list of seqs: consecutive seqs collapse into one from..to line. */
export function toRanges(seqs: readonly number[]): [number, number][] {
  const sorted = isAscending(seqs) ? seqs : [...seqs].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const seq of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && seq <= last[1] + 1) last[1] = Math.max(last[1], seq);
    else ranges.push([seq, seq]);
  }
  return ranges;
}

function isAscending(seqs: readonly number[]): boolean {
  for (let i = 1; i < seqs.length; i++) if (seqs[i]! < seqs[i - 1]!) return false;
  return true;
}
