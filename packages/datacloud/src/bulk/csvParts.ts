import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DataCloudError } from '../errors.js';

/** RFC 4180: comma, CRLF between records, quotes only where a cell needs them. */
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

export const csvLine = (cells: readonly string[]): string => stringify([cells], CSV_OPTIONS);

export interface CsvPart {
  file: string;
  bytes: number;
  rows: number;
}

/**
 * Writes CSV rows into temp files of at most `partBytes` each (header repeated in each), handing
 * each full part to `onPart` so memory stays flat whatever the backfill's size.
 */
export async function createCsvPartWriter(options: { header?: readonly string[]; partBytes: number; tempDir?: string; onPart: (part: CsvPart) => Promise<void> }) {
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'orgkit-bulk-'));
  const header = options.header ? csvLine(options.header) : '';
  const headerBytes = Buffer.byteLength(header);
  let index = 0;
  let handle: FileHandle | undefined;
  let file = '';
  let bytes = 0;
  let rows = 0;
  let buffered: string[] = [];
  let bufferedBytes = 0;

  const spill = async (): Promise<void> => {
    if (bufferedBytes === 0) return;
    handle ??= await open(file, 'w');
    await handle.write(buffered.join(''));
    buffered = [];
    bufferedBytes = 0;
  };
  const startPart = (): void => {
    file = join(dir, `part-${++index}.csv`);
    bytes = headerBytes;
    rows = 0;
    buffered = header ? [header] : [];
    bufferedBytes = headerBytes;
  };
  const finishPart = async (): Promise<void> => {
    if (rows === 0) return;
    await spill();
    await handle!.close();
    handle = undefined;
    await options.onPart({ file, bytes, rows });
    await rm(file, { force: true });
  };
  startPart();

  return {
    async write(cells: readonly string[]): Promise<void> {
      const line = csvLine(cells);
      const lineBytes = Buffer.byteLength(line);
      if (headerBytes + lineBytes > options.partBytes) throw new DataCloudError('INVALID_OPTIONS', `A CSV row of ${lineBytes} bytes does not fit in a part of ${options.partBytes} bytes: raise partBytes.`);
      if (bytes + lineBytes > options.partBytes) {
        await finishPart();
        startPart();
      }
      buffered.push(line);
      bufferedBytes += lineBytes;
      bytes += lineBytes;
      rows++;
      if (bufferedBytes >= 1024 * 1024) await spill();
    },
    /** Sends the last part. */
    end: finishPart,
    /** Removes the temp files (after success or failure). */
    async dispose(): Promise<void> {
      await handle?.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
