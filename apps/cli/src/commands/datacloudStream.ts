import { statSync } from 'node:fs';
import path from 'node:path';
import {
  clearFileCheckpoint,
  createStreamer,
  DataCloudError,
  openCsvSource,
  openNdjsonSource,
  pumpSource,
  type DataCloudAuthOptions,
  type RecordSource,
  type Streamer,
} from '@orgkit/datacloud';
import { loadConnectorSchema, type ConnectorSchema, type SchemaObject } from '@orgkit/datacloud-schema';
import { printJson, reportFailure } from '../output.js';
import { resolveCoreAuth, type OrgAuthFlags } from '@orgkit/org-auth';
import { createProgressLine, renderProgressLine } from '../render/streamProgress.js';
import { renderStreamSummary, type StreamOutcome } from '../render/streamSummary.js';
import { runBulkUpload } from './datacloudBulk.js';
import { DATACLOUD_EXIT } from './datacloudExitCodes.js';

export interface StreamFlags extends OrgAuthFlags {
  connector: string;
  object: string;
  schema: string;
  file: string;
  format?: string;
  dataspace?: string;
  mode: string;
  bulkThreshold: string;
  spool?: string;
  deadLetter?: string;
  validate?: boolean;
  json?: boolean;
}

/** Seconds Ctrl-C waits for spooled events to be accepted before leaving them for the next run. */
const INTERRUPT_FLUSH_MS = 5000;

/** A flag value the command can't use; exit 1 like any other failure of this command. */
export class StreamFlagError extends Error {
  readonly code = 'INVALID_FLAG';
  constructor(message: string) {
    super(message);
    this.name = 'StreamFlagError';
  }
}

function inputFormat(flags: StreamFlags): 'ndjson' | 'csv' {
  const format = flags.format ?? (path.extname(flags.file).toLowerCase() === '.csv' ? 'csv' : 'ndjson');
  if (format !== 'ndjson' && format !== 'csv') throw new StreamFlagError(`--format ${format}: use ndjson or csv.`);
  return format;
}

function schemaObject(schema: ConnectorSchema, name: string, schemaFile: string): SchemaObject {
  const object = schema.object(name);
  if (!object) {
    throw new DataCloudError('UNKNOWN_OBJECT', `--object ${name} is not in ${schemaFile}; it defines ${schema.objects.map((o) => o.name).join(', ')}. Object names are case-sensitive.`);
  }
  return object;
}

/** --mode auto: bulk for a file larger than --bulk-threshold MB (stdin and --validate always stream). */
function chooseMode(flags: StreamFlags): 'stream' | 'bulk' {
  if (flags.mode === 'stream' || flags.mode === 'bulk') return flags.mode;
  if (flags.mode !== 'auto') throw new StreamFlagError(`--mode ${flags.mode}: use stream, bulk or auto.`);
  const thresholdMb = Number(flags.bulkThreshold);
  if (!(thresholdMb > 0)) throw new StreamFlagError(`--bulk-threshold ${flags.bulkThreshold}: give a size in MB greater than 0.`);
  if (flags.file === '-' || flags.validate) return 'stream';
  return (statSync(flags.file, { throwIfNoEntry: false })?.size ?? 0) > thresholdMb * 1024 * 1024 ? 'bulk' : 'stream';
}

export async function runStreamCommand(flags: StreamFlags): Promise<number> {
  const json = Boolean(flags.json);
  try {
    const schema = loadConnectorSchema(flags.schema);
    const object = schemaObject(schema, flags.object, flags.schema);
    const format = inputFormat(flags);
    const auth: DataCloudAuthOptions = { core: resolveCoreAuth(flags), ...(flags.dataspace ? { dataspace: flags.dataspace } : {}) };
    const mode = chooseMode(flags);
    const validateOnly = Boolean(flags.validate);
    // A validate run keeps its own spool: what it leaves behind must never be sent for real.
    const spoolDir = path.resolve(flags.spool ?? path.join('.orgkit', 'spool', `${flags.connector}-${flags.object}${validateOnly ? '-validate' : ''}`));
    if (mode === 'bulk') {
      if (validateOnly) throw new StreamFlagError('--validate works with --mode stream only: bulk jobs have no validate-only call.');
      return await runBulkUpload({ auth, flags, schema, object, format, json, spoolDir });
    }
    return await streamFile({ auth, flags, schema, object, format, json, spoolDir });
  } catch (err) {
    return reportFailure(err, json, DATACLOUD_EXIT.FAILED);
  }
}

/** What a stream or bulk run needs once the flags are checked. */
export interface StreamContext {
  auth: DataCloudAuthOptions;
  flags: StreamFlags;
  schema: ConnectorSchema;
  object: SchemaObject;
  format: 'ndjson' | 'csv';
  json: boolean;
  spoolDir: string;
}

async function streamFile({ auth, flags, schema, object, format, json, spoolDir }: StreamContext): Promise<number> {
  const validateOnly = Boolean(flags.validate);
  const deadLetterFile = path.resolve(flags.deadLetter ?? path.join(spoolDir, 'dead-letter.ndjson'));
  const checkpointFile = validateOnly ? undefined : path.join(spoolDir, 'source-checkpoint.json');
  const source: RecordSource =
    format === 'csv' ? openCsvSource(flags.file, object, { checkpointFile }) : openNdjsonSource(flags.file, { checkpointFile });

  const streamer = await createStreamer({ auth, connector: flags.connector, object: flags.object, schema, spoolDir, deadLetterFile, validateOnly });
  const startedAt = Date.now();
  const progress = createProgressLine();
  streamer.on('progress', (m) => progress.update(renderProgressLine(m, source.progress?.())));
  if (!json && streamer.metrics().recovered > 0) {
    process.stderr.write(`Resending ${streamer.metrics().recovered.toLocaleString('en-US')} events an earlier run left in ${spoolDir}\n`);
  }

  const interrupt = watchInterrupt(streamer);
  const outcome = (read: number, malformed: number, leftInSpool?: number): StreamOutcome => ({
    connector: flags.connector,
    object: flags.object,
    input: source.describe,
    validateOnly,
    read,
    malformed,
    metrics: streamer.metrics(),
    durationMs: Date.now() - startedAt,
    deadLetterFile,
    spoolDir,
    ...(leftInSpool === undefined ? {} : { leftInSpool }),
  });

  try {
    const pumped = await pumpSource(source, streamer, { signal: interrupt.signal });
    if (pumped.stopped) {
      await closeWithin(streamer, INTERRUPT_FLUSH_MS);
      progress.clear();
      return finish(outcome(pumped.records, pumped.malformed, streamer.metrics().pending), DATACLOUD_EXIT.FAILED, json, 'Interrupted');
    }
    await streamer.close();
    progress.clear();
    if (checkpointFile) clearFileCheckpoint(checkpointFile); // the whole file is delivered: a rerun starts over
    const result = outcome(pumped.records, pumped.malformed);
    return finish(result, result.metrics.deadLettered > 0 ? DATACLOUD_EXIT.SOME_DEAD_LETTERED : DATACLOUD_EXIT.ALL_ACCEPTED, json);
  } catch (err) {
    progress.clear();
    await streamer.abort().catch(() => undefined);
    const left = streamer.metrics().pending;
    if (left > 0 && !json) process.stderr.write(`${left.toLocaleString('en-US')} events stay in the spool ${spoolDir}; run the same command again to send them.\n`);
    throw err;
  } finally {
    interrupt.dispose();
  }
}

function finish(result: StreamOutcome, status: number, json: boolean, headline?: string): number {
  if (json) {
    const { metrics, ...rest } = result;
    printJson(status, { mode: 'stream', ...rest, ...metrics });
  } else {
    process.stdout.write(`${headline ? `${headline}. ` : ''}${renderStreamSummary(result)}\n`);
  }
  return status;
}

/** Gives close() a few seconds to deliver what is spooled, then stops; the spool keeps the rest. */
async function closeWithin(streamer: Streamer, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const closed = streamer.close().then(
    () => 'closed' as const,
    () => 'failed' as const,
  );
  const first = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (first !== 'closed') await streamer.abort().catch(() => undefined);
}

/** Ctrl-C once: stop reading and flush for a few seconds; twice: stop now. */
function watchInterrupt(streamer: Streamer) {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      void streamer.abort();
      return;
    }
    controller.abort();
    process.stderr.write(`\nStopping: sending what is spooled for up to ${INTERRUPT_FLUSH_MS / 1000} s (Ctrl-C again to stop now)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
