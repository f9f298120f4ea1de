import { coerceTextValue, type SchemaField, type SchemaObject } from '@orgkit/datacloud-schema';
import { parse, type CsvError, type Info, type Options } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { checkCsvHeader } from './csvHeader.js';
import { saveFilePosition, type FilePosition } from './fileCheckpoint.js';
import { openFileInput, statInput } from './fileInput.js';
import { SourceError } from './sourceError.js';
import type { FileSourceOptions, RecordSource, SourceBatch, SourceProblem, SourceRecord } from './types.js';

type ParsedRow = { record: string[]; info: Info };

const countNewlines = (cells: readonly string[]): number => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);

/** One CSV row as a typed record, or the reasons it can't be one. */
function rowToRecord(cells: readonly string[], fields: readonly SchemaField[]): { value: Record<string, unknown> } | { reason: string } {
  if (cells.length !== fields.length) return { reason: `has ${cells.length} values; the header has ${fields.length} columns` };
  const value: Record<string, unknown> = {};
  const errors: string[] = [];
  fields.forEach((field, i) => {
    const typed = coerceTextValue(field, cells[i]!);
    if ('error' in typed) errors.push(typed.error);
    else value[field.name] = typed.value;
  });
  return errors.length > 0 ? { reason: errors.join('; ') } : { value };
}

/**
 * RFC 4180 CSV (UTF-8, comma, header row) from a file or stdin ('-'). The header must name exactly the
 * object's fields; each cell is typed by its field ('' → null). A row with a bad cell or the wrong
 * number of values becomes a problem with its line number. A broken quote makes csv-parse skip to the
 * next place it can resynchronise: that stretch is one problem, reported with the line it starts on.
 */
export function openCsvSource(file: string | '-', object: SchemaObject, options: FileSourceOptions = {}): RecordSource {
  const batchSize = options.batchSize ?? 1000;
  const checkpointFile = file === '-' ? undefined : options.checkpointFile;
  statInput(file);
  let bytesRead = 0;
  let totalBytes: number | undefined;
  let describe = file === '-' ? 'stdin' : file;

  async function* batches(): AsyncGenerator<SourceBatch> {
    const input = openFileInput(file, checkpointFile);
    // Resuming needs the header that was read before the saved position.
    const start: FilePosition = input.resumed && input.start.header ? input.start : { offset: 0, line: 0 };
    if (start.offset !== input.start.offset) {
      input.stream.destroy();
      return yield* batchesFrom(openFileInput(file, undefined), start);
    }
    yield* batchesFrom(input, start);
  }

  async function* batchesFrom(input: ReturnType<typeof openFileInput>, start: FilePosition): AsyncGenerator<SourceBatch> {
    totalBytes = input.totalBytes;
    bytesRead = start.offset;
    if (start.offset > 0) describe = `${input.name} (resuming after line ${start.line})`;
    const skipped: SourceProblem[] = [];
    // Parse order (the parser runs ahead of the consumer): the last line a record or a skip covered.
    let parsedThrough = 0;
    // on_skip is a csv-parse option its type declarations leave out, hence the separate object.
    const options: Options & { on_skip: (err: CsvError | undefined) => void } = {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: string[], context: { lines: number }) => {
        parsedThrough = context.lines;
        return record;
      },
      on_skip: (err: CsvError | undefined) => {
        if (!err) return;
        const from = parsedThrough + 1;
        const to = Math.max(from, Number(err.lines ?? from));
        parsedThrough = to;
        const span = to > from ? ` (lines ${start.line + from}–${start.line + to} could not be read as rows)` : '';
        skipped.push({ source: `${input.name}:${start.line + from}`, raw: '', reason: `not valid CSV: ${err.message}${span}` });
      },
    };
    const parser = parse(options);
    input.stream.on('error', (err) => parser.destroy(new SourceError('SOURCE_NOT_READABLE', `Cannot read ${input.name}: ${err.message}`, { cause: err })));
    input.stream.pipe(parser);

    let header = start.header;
    let fields: SchemaField[] = header ? header.map((name) => object.field(name)!) : [];
    let records: SourceRecord[] = [];
    let problems: SourceProblem[] = [];
    let position = start;

    for await (const row of parser as AsyncIterable<ParsedRow>) {
      const endLine = start.line + row.info.lines;
      position = { offset: start.offset + row.info.bytes, line: endLine, ...(header ? { header } : {}) };
      if (!header) {
        checkCsvHeader(row.record, object, input.name);
        header = row.record;
        fields = header.map((name) => object.field(name)!);
        position = { ...position, header };
        continue;
      }
      const source = `${input.name}:${endLine - countNewlines(row.record)}`;
      const result = rowToRecord(row.record, fields);
      if ('value' in result) records.push({ value: result.value, source });
      else problems.push({ source, raw: stringify([row.record]).trimEnd(), reason: result.reason });
      problems.push(...skipped.splice(0));
      if (records.length + problems.length >= batchSize) {
        bytesRead = position.offset;
        yield { records, problems, checkpoint: position };
        records = [];
        problems = [];
      }
    }
    if (!header) throw new SourceError('CSV_EMPTY', `${input.name} has no header row. The first line must name the fields of ${object.name}: ${object.fields.map((f) => f.name).join(',')}`);
    problems.push(...skipped.splice(0));
    bytesRead = position.offset;
    yield { records, problems, checkpoint: position };
  }

  return {
    get describe() {
      return describe;
    },
    batches,
    commit: async (checkpoint) => {
      if (checkpointFile) await saveFilePosition(checkpointFile, file, checkpoint as FilePosition);
    },
    progress: () => ({ bytesRead, ...(totalBytes === undefined ? {} : { totalBytes }) }),
  };
}
