import type { Readable } from 'node:stream';

/** One line of input; `endOffset` is the byte just after its newline (where reading resumes). */
export type InputLine = { line: number; endOffset: number } & ({ text: string } | { tooLong: true; head: string });

const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Splits a byte stream into lines, yielding the lines of each chunk together. Memory stays bounded:
 * a line longer than maxLineBytes is reported (with its head) instead of being held. Handles a BOM at
 * the start, CRLF endings and a last line without a newline; decodes UTF-8 per line so a character
 * split across chunks stays whole.
 */
export async function* readLines(
  stream: Readable,
  options: { startOffset: number; startLine: number; maxLineBytes: number },
): AsyncGenerator<InputLine[]> {
  let offset = options.startOffset;
  let line = options.startLine;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow: string | undefined; // head of a line past maxLineBytes, whose rest is being skipped
  let atStart = options.startOffset === 0;

  const finish = (tail: Buffer, out: InputLine[]): void => {
    line += 1;
    offset += (overflow === undefined ? pendingBytes : 0) + tail.length;
    if (overflow === undefined && pendingBytes + tail.length > options.maxLineBytes + 2) {
      overflow = Buffer.concat([...pending, tail.subarray(0, 200)]).toString('utf8', 0, 200);
    }
    if (overflow !== undefined) {
      out.push({ line, endOffset: offset, tooLong: true, head: overflow });
    } else {
      let bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
      if (atStart && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
      let end = bytes.length;
      if (end > 0 && bytes[end - 1] === NEWLINE) end -= 1;
      if (end > 0 && bytes[end - 1] === 0x0d) end -= 1;
      out.push({ line, endOffset: offset, text: bytes.toString('utf8', 0, end) });
    }
    atStart = false;
    pending = [];
    pendingBytes = 0;
    overflow = undefined;
  };

  const hold = (part: Buffer): void => {
    if (overflow !== undefined) {
      offset += part.length;
      return;
    }
    pending.push(part);
    pendingBytes += part.length;
    if (pendingBytes > options.maxLineBytes) {
      overflow = Buffer.concat(pending).toString('utf8', 0, 200);
      offset += pendingBytes;
      pending = [];
      pendingBytes = 0;
    }
  };

  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const out: InputLine[] = [];
    let from = 0;
    for (let nl = buf.indexOf(NEWLINE, from); nl !== -1; nl = buf.indexOf(NEWLINE, from)) {
      const part = buf.subarray(from, nl + 1);
      if (overflow !== undefined) {
        offset += part.length;
        line += 1;
        out.push({ line, endOffset: offset, tooLong: true, head: overflow });
        overflow = undefined;
        atStart = false;
      } else {
        finish(part, out);
      }
      from = nl + 1;
    }
    if (from < buf.length) hold(Buffer.from(buf.subarray(from)));
    if (out.length > 0) yield out;
  }
  if (pendingBytes > 0 || overflow !== undefined) {
    const out: InputLine[] = [];
    finish(Buffer.alloc(0), out);
    yield out;
  }
}
