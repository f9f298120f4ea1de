import { createReadStream } from 'node:fs';
import { decodeEventBody, splitLines, verifiedBody } from './lineFormat.js';
import type { SpooledEvent } from './types.js';

const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The whole, checksum-valid events of a segment file in order, read a chunk at a time so memory
 * stays bounded by the chunk and the longest line. A torn last line (never acknowledged) is ignored.
 */
export async function* readSegmentEvents(path: string): AsyncGenerator<SpooledEvent> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const { lines, rest } = splitLines(carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk);
    for (const line of lines) {
      const body = verifiedBody(line);
      const event = body && decodeEventBody(body);
      if (event) yield event;
    }
    carry = Buffer.from(rest); // a copy, so the chunk it points into can be freed
  }
}
