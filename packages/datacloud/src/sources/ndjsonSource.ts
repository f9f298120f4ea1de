import { saveFilePosition, type FilePosition } from './fileCheckpoint.js';
import { openFileInput, statInput } from './fileInput.js';
import { readLines } from './lineReader.js';
import type { FileSourceOptions, RecordSource, SourceBatch, SourceProblem, SourceRecord } from './types.js';

const BATCH_BYTES = 1024 * 1024;

/**
 * Newline-delimited JSON from a file or stdin ('-'), read as a stream. Each non-blank line is one
 * record; a line that is not JSON becomes a problem with its line number and the parser's reason.
 */
export function openNdjsonSource(file: string | '-', options: FileSourceOptions = {}): RecordSource {
  const batchSize = options.batchSize ?? 1000;
  const maxLineBytes = options.maxLineBytes ?? 4 * 1024 * 1024;
  const checkpointFile = file === '-' ? undefined : options.checkpointFile;
  statInput(file); // a missing file fails here, before anything is started
  let bytesRead = 0;
  let totalBytes: number | undefined;
  let describe = file === '-' ? 'stdin' : file;

  async function* batches(): AsyncGenerator<SourceBatch> {
    const input = openFileInput(file, checkpointFile);
    totalBytes = input.totalBytes;
    bytesRead = input.start.offset;
    if (input.resumed) describe = `${input.name} (resuming after line ${input.start.line})`;
    let records: SourceRecord[] = [];
    let problems: SourceProblem[] = [];
    let batchBytes = 0;
    let position: FilePosition = input.start;

    for await (const lines of readLines(input.stream, { startOffset: input.start.offset, startLine: input.start.line, maxLineBytes })) {
      for (const line of lines) {
        const source = `${input.name}:${line.line}`;
        batchBytes += line.endOffset - position.offset;
        position = { offset: line.endOffset, line: line.line };
        if ('tooLong' in line) {
          problems.push({ source, raw: `${line.head}…`, reason: `line is longer than ${maxLineBytes} bytes` });
        } else if (line.text.trim() !== '') {
          try {
            records.push({ value: JSON.parse(line.text), source });
          } catch (err) {
            problems.push({ source, raw: line.text, reason: `not valid JSON: ${(err as Error).message}` });
          }
        }
        if (records.length + problems.length >= batchSize || batchBytes >= BATCH_BYTES) {
          bytesRead = position.offset;
          yield { records, problems, checkpoint: position };
          records = [];
          problems = [];
          batchBytes = 0;
        }
      }
    }
    bytesRead = position.offset;
    if (records.length + problems.length > 0 || position.offset > 0) yield { records, problems, checkpoint: position };
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
