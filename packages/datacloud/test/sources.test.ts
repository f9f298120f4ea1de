import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConnectorSchema } from '@orgkit/datacloud-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCsvSource, openNdjsonSource, pumpSource, SourceError, type RecordSource, type SourceBatch } from '../src/sources/index.js';

const SCHEMA = parseConnectorSchema(`openapi: 3.0.3
components:
  schemas:
    Reading:
      type: object
      properties:
        eventId:
          type: string
        level:
          type: number
        at:
          type: string
          format: date-time
`);
const READING = SCHEMA.object('Reading')!;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-sources-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function readAll(source: RecordSource): Promise<SourceBatch> {
  const all: SourceBatch = { records: [], problems: [] };
  for await (const batch of source.batches()) {
    all.records.push(...batch.records);
    all.problems.push(...batch.problems);
  }
  return all;
}

describe('openNdjsonSource', () => {
  it('reads records with their line numbers, skips blank lines, reports malformed ones, handles a BOM and CRLF', async () => {
    const file = await write('in.ndjson', '\ufeff{"eventId":"a"}\r\n\n{"eventId": }\n   \n{"eventId":"b"}\n[1]\n{"eventId":"c"}');
    const { records, problems } = await readAll(openNdjsonSource(file));
    expect(records.map((r) => [r.value, r.source])).toEqual([
      [{ eventId: 'a' }, `${file}:1`],
      [{ eventId: 'b' }, `${file}:5`],
      [[1], `${file}:6`],
      [{ eventId: 'c' }, `${file}:7`],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: `${file}:3`, raw: '{"eventId": }' });
    expect(problems[0]!.reason).toMatch(/^not valid JSON: /);
  });

  it('keeps a multi-byte character split across read chunks whole', async () => {
    const padding = 'x'.repeat(256 * 1024 - 14);
    const file = await write('wide.ndjson', `{"eventId":"${padding}é"}\n{"eventId":"ü"}\n`);
    const { records } = await readAll(openNdjsonSource(file));
    expect(records.map((r) => (r.value as { eventId: string }).eventId.slice(-1))).toEqual(['é', 'ü']);
  });

  it('reports a line over the length limit as a problem instead of holding it', async () => {
    const file = await write('long.ndjson', `{"eventId":"${'y'.repeat(5000)}"}\n{"eventId":"ok"}\n`);
    const { records, problems } = await readAll(openNdjsonSource(file, { maxLineBytes: 1000 }));
    expect(records.map((r) => r.source)).toEqual([`${file}:2`]);
    expect(problems).toMatchObject([{ source: `${file}:1`, reason: 'line is longer than 1000 bytes' }]);
  });

  it('resumes after the last committed batch when the checkpoint names the same unchanged file', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ eventId: `e${i}` }));
    const file = await write('resume.ndjson', `${lines.join('\n')}\n`);
    const checkpointFile = path.join(dir, 'spool', 'source-checkpoint.json');
    const first = openNdjsonSource(file, { batchSize: 4, checkpointFile });
    for await (const batch of first.batches()) {
      await first.commit!(batch.checkpoint);
      break; // killed after the first batch was spooled
    }
    const second = openNdjsonSource(file, { batchSize: 4, checkpointFile });
    const { records } = await readAll(second);
    expect(records.map((r) => r.source)).toEqual([5, 6, 7, 8, 9, 10].map((n) => `${file}:${n}`));
    expect(second.describe).toContain('resuming after line 4');

    await writeFile(file, `${lines.join('\n')}\n{"eventId":"new"}\n`); // changed file: read again from the start
    expect((await readAll(openNdjsonSource(file, { checkpointFile }))).records).toHaveLength(11);
  });

  it('fails with SOURCE_NOT_READABLE for a missing file', () => {
    expect(() => openNdjsonSource(path.join(dir, 'nope.ndjson'))).toThrow(expect.objectContaining({ code: 'SOURCE_NOT_READABLE' }));
  });
});

describe('openCsvSource', () => {
  it('types cells by the schema and reports bad cells and wrong column counts with line numbers', async () => {
    const file = await write(
      'in.csv',
      '\ufefflevel,eventId,at\r\n42,a,2026-01-01T00:00:00Z\r\nlots,b,2026-01-01T00:00:00Z\r\n7,c\r\n\r\n,"d\nwith newline",\r\n8,e,yesterday\r\n',
    );
    const { records, problems } = await readAll(openCsvSource(file, READING));
    expect(records.map((r) => [r.value, r.source])).toEqual([
      [{ level: 42, eventId: 'a', at: '2026-01-01T00:00:00Z' }, `${file}:2`],
      [{ level: null, eventId: 'd\nwith newline', at: null }, `${file}:6`],
    ]);
    expect(problems.map((p) => p.source)).toEqual([`${file}:3`, `${file}:4`, `${file}:8`]);
    expect(problems[0]!.reason).toContain('level');
    expect(problems[0]!.raw).toBe('lots,b,2026-01-01T00:00:00Z');
    expect(problems[1]!.reason).toBe('has 2 values; the header has 3 columns');
    expect(problems[2]!.reason).toContain('at');
  });

  it('reports a broken quote with its line instead of failing the whole file', async () => {
    const file = await write('quote.csv', 'eventId,level,at\na,1,\nb,"2"x,\nc,3,\nd,4,\n');
    const { records, problems } = await readAll(openCsvSource(file, READING));
    expect(records).toEqual([{ value: { eventId: 'a', level: 1, at: null }, source: `${file}:2` }]);
    expect(problems.map((p) => p.source)).toEqual([`${file}:3`, `${file}:4`]);
    expect(problems[0]!.reason).toMatch(/^not valid CSV: Invalid Closing Quote/);
    // csv-parse can't resynchronise after it: the rows it swallowed are named, not silently lost.
    expect(problems[1]!.reason).toMatch(/lines 4–5 could not be read as rows/);
  });

  it('rejects a header with unknown or missing columns before reading any row', async () => {
    const file = await write('bad-header.csv', 'eventId,levle\na,1\n');
    const source = openCsvSource(file, READING);
    const error = await readAll(source).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'CSV_HEADER_MISMATCH' });
    expect((error as Error).message).toContain('unknown column(s) "levle"');
    expect((error as Error).message).toMatch(/missing column\(s\) "level", "at"/);
  });

  it('resumes with the header it read before the checkpoint', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `e${i},${i},`);
    const file = await write('resume.csv', `eventId,level,at\n${rows.join('\n')}\n`);
    const checkpointFile = path.join(dir, 'csv-checkpoint.json');
    const first = openCsvSource(file, READING, { batchSize: 2, checkpointFile });
    for await (const batch of first.batches()) {
      await first.commit!(batch.checkpoint);
      break;
    }
    const { records } = await readAll(openCsvSource(file, READING, { batchSize: 2, checkpointFile }));
    expect(records.map((r) => [(r.value as { eventId: string }).eventId, r.source])).toEqual(
      [2, 3, 4, 5].map((i) => [`e${i}`, `${file}:${i + 2}`]),
    );
  });
});

describe('pumpSource', () => {
  it('dead-letters problems as MALFORMED_INPUT, sends records with their sources, then commits', async () => {
    const file = await write('pump.ndjson', '{"eventId":"a"}\nnot json\n{"eventId":"b"}\n');
    const checkpointFile = path.join(dir, 'pump-checkpoint.json');
    const sent: { records: readonly unknown[]; sources?: readonly string[] }[] = [];
    const deadLettered: unknown[] = [];
    const result = await pumpSource(openNdjsonSource(file, { checkpointFile }), {
      send: async (records, meta) => void sent.push({ records, sources: meta?.sources }),
      deadLetter: async (entries) => void deadLettered.push(...entries),
    });
    expect(result).toEqual({ records: 2, malformed: 1, stopped: false });
    expect(sent).toEqual([{ records: [{ eventId: 'a' }, { eventId: 'b' }], sources: [`${file}:1`, `${file}:3`] }]);
    expect(deadLettered).toMatchObject([{ code: 'MALFORMED_INPUT', source: `${file}:2`, raw: 'not json' }]);
    // Everything was committed: a rerun with the same checkpoint reads nothing new.
    expect((await readAll(openNdjsonSource(file, { checkpointFile }))).records).toEqual([]);
  });
});
