import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSpool, SpoolError, type Spool, type SpooledEvent } from '../src/spool/index.js';

const dirs: string[] = [];
const open: Spool[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-'));
  dirs.push(dir);
  return dir;
}

async function openTracked(...args: Parameters<typeof openSpool>): Promise<Spool> {
  const spool = await openSpool(...args);
  open.push(spool);
  return spool;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((spool) => spool.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const segmentFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.events')).sort();
const record = (i: number): string => JSON.stringify({ eventId: `E-${i}`, batteryLevel: i % 101, pad: 'x'.repeat(100) });

async function drain(spool: Spool): Promise<SpooledEvent[][]> {
  const chunks: SpooledEvent[][] = [];
  for await (const chunk of spool.recovered()) chunks.push(chunk);
  return chunks;
}

describe('openSpool: append and ack', () => {
  it('gives concurrent appends distinct, increasing seqs and keeps their payloads', async () => {
    const spool = await openTracked({ dir: tempDir() });
    const batches = await Promise.all(Array.from({ length: 50 }, (_, b) => spool.append([record(b * 2), record(b * 2 + 1)])));
    const seqs = batches.flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(100);
    for (const batch of batches) expect(batch[1]!.seq).toBe(batch[0]!.seq + 1);
    expect(batches[7]!.map((e) => e.payload)).toEqual([record(14), record(15)]);
    expect(spool.stats()).toMatchObject({ segments: 1, unacked: 100 });
  });

  it('rolls to a new segment when one is full and deletes a segment once all its events are acked', async () => {
    const dir = tempDir();
    const spool = await openTracked({ dir, segmentBytes: 4096 });
    const events: SpooledEvent[] = [];
    for (let i = 0; i < 200; i++) events.push(...(await spool.append([record(i)])));
    const before = segmentFiles(dir);
    expect(before.length).toBeGreaterThan(3);
    expect(spool.stats().bytesOnDisk).toBeGreaterThan(200 * 100);

    // Ack everything except one event in the second segment: only that segment stays (plus the one being written).
    const kept = events[40]!;
    spool.ack(events.filter((e) => e !== kept).map((e) => e.seq));
    await vi.waitFor(() => expect(segmentFiles(dir).length).toBeLessThanOrEqual(2), { timeout: 5000 });
    expect(spool.stats().unacked).toBe(1);

    spool.ack([kept.seq]);
    await spool.close();
    expect(segmentFiles(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]); // ack logs and the lock are gone too
  });

  it('ignores repeated acks and acks of unknown seqs', async () => {
    const spool = await openTracked({ dir: tempDir() });
    const events = await spool.append([record(1), record(2), record(3)]);
    spool.ack([events[0]!.seq, events[0]!.seq, 999_999]);
    spool.ack([events[0]!.seq]);
    expect(spool.stats().unacked).toBe(2);
  });

  it('rejects a payload with a line break and appends after close', async () => {
    const spool = await openTracked({ dir: tempDir() });
    await expect(spool.append(['{"a":1}', '{"a":\n2}'])).rejects.toMatchObject({ code: 'SPOOL_INVALID_PAYLOAD', message: expect.stringContaining('Payload 1') });
    await spool.close();
    await expect(spool.append(['{}'])).rejects.toBeInstanceOf(SpoolError);
    await expect(spool.append(['{}'])).rejects.toMatchObject({ code: 'SPOOL_CLOSED' });
  });
});

describe('openSpool: recovery', () => {
  it('recovers every unacked event after a reopen, oldest first, in bounded chunks', async () => {
    const dir = tempDir();
    const first = await openSpool({ dir, segmentBytes: 64 * 1024 });
    const appended = await first.append(Array.from({ length: 2500 }, (_, i) => record(i)));
    const acked = appended.filter((e) => e.seq % 3 === 0);
    first.ack(acked.map((e) => e.seq));
    await first.close();

    const second = await openTracked({ dir, segmentBytes: 64 * 1024 });
    const unacked = appended.filter((e) => e.seq % 3 !== 0);
    expect(second.recoveredCount).toBe(unacked.length);
    const chunks = await drain(second);
    expect(chunks.every((chunk) => chunk.length <= 1000)).toBe(true);
    expect(chunks.flat()).toEqual(unacked);

    // New events continue after the recovered ones and a third open sees both.
    const [fresh] = await second.append([record(9999)]);
    expect(fresh!.seq).toBeGreaterThan(appended[appended.length - 1]!.seq);
    second.ack(unacked.slice(0, 10).map((e) => e.seq));
    await second.close();
    const third = await openTracked({ dir });
    expect((await drain(third)).flat()).toEqual([...unacked.slice(10), fresh]);
  });

  it('ignores a torn last line: the events before it are recovered and appending goes on', async () => {
    const dir = tempDir();
    const first = await openSpool({ dir });
    const appended = await first.append([record(1), record(2), record(3)]);
    await first.close();
    // What a crash in the middle of a write leaves: the start of a line, no newline.
    const [segment] = segmentFiles(dir);
    const whole = readFileSync(join(dir, segment!), 'utf8');
    appendFileSync(join(dir, segment!), whole.slice(0, whole.indexOf('\n') - 7));

    const second = await openTracked({ dir });
    expect(second.recoveredCount).toBe(3);
    expect((await drain(second)).flat()).toEqual(appended);
    const [next] = await second.append([record(4)]);
    await second.close();
    const third = await openTracked({ dir });
    expect((await drain(third)).flat()).toEqual([...appended, next]);
  });

  it('skips a line whose bytes were damaged instead of returning corrupt data', async () => {
    const dir = tempDir();
    const first = await openSpool({ dir });
    const appended = await first.append([record(1), record(2), record(3)]);
    await first.close();
    const [segment] = segmentFiles(dir);
    const text = readFileSync(join(dir, segment!), 'utf8');
    const lines = text.split('\n');
    lines[1] = lines[1]!.replace('E-2', 'E-7');
    rmSync(join(dir, segment!));
    appendFileSync(join(dir, segment!), lines.join('\n'));

    const second = await openTracked({ dir });
    expect((await drain(second)).flat()).toEqual([appended[0], appended[2]]);
  });

  it('keeps acks that were written before a torn ack-log line', async () => {
    const dir = tempDir();
    const first = await openSpool({ dir });
    const appended = await first.append([record(1), record(2), record(3), record(4)]);
    first.ack([appended[0]!.seq]);
    await first.close();
    const ackLog = readdirSync(dir).find((name) => name.endsWith('.acks'))!;
    appendFileSync(join(dir, ackLog), '1f2e3d4c 3'); // a torn line: must not count as an ack of seq 3

    const second = await openTracked({ dir });
    expect((await drain(second)).flat()).toEqual(appended.slice(1));
    second.ack([appended[1]!.seq]);
    await second.close();
    const third = await openTracked({ dir });
    expect((await drain(third)).flat()).toEqual(appended.slice(2));
  });
});
