import { crc32 } from 'node:zlib';

// Every line is `<crc32 as 8 hex> <body>\n`, the checksum over the body's UTF-8 bytes: a torn or
// damaged line fails the check and is skipped, so only whole, fsynced lines ever count.
const CRC_HEX = 8;
const NEWLINE = 0x0a;
const SPACE = 0x20;

const checksum = (body: string): string => crc32(body).toString(16).padStart(CRC_HEX, '0');

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Event lines `<crc> <seq> <payload>\n` for consecutive seqs from firstSeq, written straight into
 * one buffer (no large intermediate string: this is the append hot path), each checksum taken over
 * the bytes just written.
 */
export function encodeEventLines(firstSeq: number, payloads: readonly string[]): Buffer {
  let total = 0;
  for (let i = 0; i < payloads.length; i++) total += CRC_HEX + 1 + String(firstSeq + i).length + 1 + Buffer.byteLength(payloads[i]!) + 1;
  const buffer = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < payloads.length; i++) {
    const lineStart = at;
    at += CRC_HEX;
    buffer[at++] = SPACE;
    at += buffer.write(`${firstSeq + i} `, at, 'latin1');
    at += buffer.write(payloads[i]!, at, 'utf8');
    let crc = crc32(buffer.subarray(lineStart + CRC_HEX + 1, at));
    for (let digit = CRC_HEX - 1; digit >= 0; digit--, crc >>>= 4) buffer[lineStart + digit] = HEX_DIGITS[crc & 15]!;
    buffer[at++] = NEWLINE;
  }
  return buffer;
}

/** One ack-log line: `<crc> <from> <to>\n`, every seq from..to (inclusive) acknowledged. */
export function encodeAckLine(from: number, to: number): string {
  const body = `${from} ${to}`;
  return `${checksum(body)} ${body}\n`;
}

/** The body of a line (without its newline) when its checksum holds, else undefined. */
export function verifiedBody(line: Buffer): Buffer | undefined {
  if (line.length < CRC_HEX + 2 || line[CRC_HEX] !== SPACE) return undefined;
  const expected = Number.parseInt(line.toString('latin1', 0, CRC_HEX), 16);
  const body = line.subarray(CRC_HEX + 1);
  return Number.isNaN(expected) || crc32(body) !== expected ? undefined : body;
}

/** Parses a verified event body `<seq> <payload>`. */
export function decodeEventBody(body: Buffer): { seq: number; payload: string } | undefined {
  const space = body.indexOf(SPACE);
  const seq = space > 0 ? Number(body.toString('latin1', 0, space)) : Number.NaN;
  return Number.isSafeInteger(seq) ? { seq, payload: body.toString('utf8', space + 1) } : undefined;
}

/** Parses a verified ack body `<from> <to>`. */
export function decodeAckBody(body: Buffer): { from: number; to: number } | undefined {
  const [from, to] = body.toString('latin1').split(' ').map(Number);
  return from !== undefined && to !== undefined && Number.isSafeInteger(from) && Number.isSafeInteger(to) && from <= to ? { from, to } : undefined;
}

/**
 * Splits a buffer into the complete lines it holds; `rest` is what follows the last newline
 * (a torn tail at the end of a file, or the start of a line continued in the next chunk).
 */
export function splitLines(chunk: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
    lines.push(chunk.subarray(start, nl));
    start = nl + 1;
  }
  return { lines, rest: chunk.subarray(start) };
}
