import { EventEmitter } from 'node:events';
import { createRecordValidator } from '@orgkit/datacloud-schema';
import { toTokenProvider } from '../auth/tokenProvider.js';
import { DataCloudError } from '../errors.js';
import { ingestPaths } from '../http/ingestPaths.js';
import { openSpool } from '../spool/index.js';
import { createBatchQueue, fitsAlone, type Batch, type PendingEvent } from './batchQueue.js';
import { deliverBatch, type DeliveryContext, type Rejection } from './batchDelivery.js';
import { openDeadLetterFile } from './deadLetterFile.js';
import { createRateLimiter } from './rateLimiter.js';
import { resolveStreamerOptions } from './streamerOptions.js';
import { createStreamMetrics } from './streamMetrics.js';
import type { DeadLetterEntry, StreamSummary, Streamer, StreamerOptions } from './types.js';

const tooLargeReason = (bytes: number, max: number): string =>
  `The record is ${bytes} bytes as JSON and a request carries at most ${max} bytes with its {"data":[…]} envelope, so it can never be sent: shorten its text fields or raise maxRequestBytes if your tenant allows more.`;

/**
 * Opens the spool (resending what a previous run left there first) and returns a streamer that
 * validates, spools, packs and sends records to a Data Cloud Ingestion API object.
 */
export async function createStreamer(options: StreamerOptions): Promise<Streamer> {
  const config = resolveStreamerOptions(options);
  const object = options.schema.object(options.object);
  if (!object) {
    const names = options.schema.objects.map((o) => o.name).join(', ');
    throw new DataCloudError('UNKNOWN_OBJECT', `The connector schema has no object "${options.object}" (it has: ${names || 'none'}): pass one of those as the object.`);
  }
  const validate = createRecordValidator(object);
  const tokens = toTokenProvider(options.auth);
  const spool = await openSpool({ dir: options.spoolDir, fsync: config.spoolFsync });
  const deadLetters = openDeadLetterFile(options.deadLetterFile);
  const emitter = new EventEmitter();
  const metrics = createStreamMetrics((m) => emitter.emit('progress', m));
  const { counters } = metrics;
  const queue = createBatchQueue(config.maxRequestBytes);
  const controller = new AbortController();
  const tasks = new Set<Promise<void>>();
  let pendingBytes = 0;
  let sendsInProgress = 0;
  let recoveryDone = false;
  let flushing = 0;
  let failure: Error | undefined;
  let state: 'open' | 'closing' | 'closed' | 'aborted' = 'open';
  let lingerTimer: NodeJS.Timeout | undefined;
  let roomWaiters: (() => void)[] = [];
  let drainWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];

  const wakeRoom = (): void => {
    const waiting = roomWaiters;
    roomWaiters = [];
    for (const wake of waiting) wake();
  };

  const checkDrained = (): void => {
    if (drainWaiters.length === 0) return;
    if (failure) {
      const waiting = drainWaiters;
      drainWaiters = [];
      for (const w of waiting) w.reject(failure);
      return;
    }
    if (counters.pending > 0 || sendsInProgress > 0 || !recoveryDone) return;
    const waiting = drainWaiters;
    drainWaiters = [];
    for (const w of waiting) w.resolve();
  };

  const fail = (err: unknown): void => {
    if (failure) return;
    failure = err instanceof DataCloudError && err.code === 'RETRIES_EXHAUSTED'
      ? new DataCloudError('RETRIES_EXHAUSTED', `${err.message} The events not yet accepted stay in the spool at ${options.spoolDir}; the next run sends them first.`, err.status !== undefined ? { status: err.status } : {})
      : err instanceof Error ? err : new Error(String(err));
    wakeRoom();
    checkDrained();
  };

  const done = (events: readonly PendingEvent[]): void => {
    spool.ack(events.map((e) => e.seq));
    for (const e of events) pendingBytes -= e.bytes;
    counters.pending -= events.length;
    if (pendingBytes <= config.maxPendingBytes) wakeRoom();
    metrics.changed();
  };

  const writeDeadLetters = async (entries: DeadLetterEntry[]): Promise<void> => {
    if (entries.length === 0) return;
    await deadLetters.write(entries);
    counters.deadLettered += entries.length;
    for (const entry of entries) emitter.emit('deadLetter', entry);
    metrics.changed();
  };

  const reject = async (rejections: readonly Rejection[]): Promise<void> => {
    const time = new Date().toISOString();
    // The dead letter is on disk before the spool forgets the event.
    await writeDeadLetters(rejections.map(({ event, code, reason }) => ({ time, code, reason, ...(event.source !== undefined ? { source: event.source } : {}), record: JSON.parse(event.payload) as unknown })));
    done(rejections.map((r) => r.event));
  };

  const delivery: DeliveryContext = {
    tokens,
    path: config.validateOnly ? ingestPaths.test(options.connector, options.object) : ingestPaths.records(options.connector, options.object),
    validateOnly: config.validateOnly,
    policy: config.retry,
    limiter: createRateLimiter(config.requestsPerSecond),
    signal: controller.signal,
    onRequest(bodyBytes) {
      counters.requests++;
      counters.bytesSent += bodyBytes;
    },
    onRetry(event, reason) {
      counters.retried++;
      if (reason.status === 429 && reason.retryAfterMs !== undefined) delivery.limiter.pauseFor(reason.retryAfterMs);
      emitter.emit('retry', event);
    },
    accept(events) {
      counters.accepted += events.length;
      done(events);
    },
    reject,
  };

  const startBatch = (batch: Batch): void => {
    counters.inFlight++;
    const task: Promise<void> = deliverBatch(delivery, batch.events)
      .catch((err: unknown) => {
        if (state !== 'aborted') fail(err);
      })
      .finally(() => {
        counters.inFlight--;
        tasks.delete(task);
        pump();
        checkDrained();
      });
    tasks.add(task);
  };

  /** Starts batches while there are free slots: full ones first, a partial one once it lingered (or on flush). */
  function pump(): void {
    if (failure || state === 'aborted') return;
    while (counters.inFlight < config.concurrency) {
      if (!queue.hasReady()) {
        const since = queue.openSince();
        if (since === 0) break;
        const waited = Date.now() - since;
        if (flushing === 0 && waited < config.lingerMs) {
          lingerTimer ??= setTimeout(() => {
            lingerTimer = undefined;
            pump();
          }, config.lingerMs - waited);
          break;
        }
        queue.closeOpen();
      }
      startBatch(queue.take()!);
    }
  }

  async function waitForRoom(): Promise<void> {
    while (pendingBytes > config.maxPendingBytes && !failure) await new Promise<void>((resolve) => roomWaiters.push(resolve));
    if (failure) throw failure;
  }

  const enqueue = (event: PendingEvent): void => {
    queue.add(event);
    pendingBytes += event.bytes;
    counters.pending++;
  };

  // What a previous run spooled but never got accepted goes out first.
  const recovery = (async () => {
    for await (const chunk of spool.recovered()) {
      if (controller.signal.aborted) return;
      await waitForRoom();
      metrics.start();
      const tooLarge: Rejection[] = [];
      for (const { seq, payload } of chunk) {
        const event: PendingEvent = { seq, payload, bytes: Buffer.byteLength(payload) };
        if (fitsAlone(event.bytes, config.maxRequestBytes)) {
          enqueue(event);
          continue;
        }
        // Spooled under a larger maxRequestBytes: it can never go out now.
        pendingBytes += event.bytes;
        counters.pending++;
        tooLarge.push({ event, code: 'RECORD_TOO_LARGE', reason: tooLargeReason(event.bytes, config.maxRequestBytes) });
      }
      counters.recovered += chunk.length;
      if (tooLarge.length > 0) await reject(tooLarge);
      pump();
    }
  })()
    .catch((err: unknown) => {
      if (state !== 'aborted') fail(err);
    })
    .finally(() => {
      recoveryDone = true;
      checkDrained();
    });

  function assertOpen(): void {
    if (failure) throw failure;
    if (state !== 'open') throw new DataCloudError('STREAMER_CLOSED', 'The streamer is closed: create a new one to send more records.');
  }

  let released: Promise<void> | undefined;
  const release = (): Promise<void> => (released ??= releaseOnce());

  async function releaseOnce(): Promise<void> {
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = undefined;
    await Promise.allSettled([...tasks]);
    await recovery;
    metrics.stop();
    await spool.close();
    await deadLetters.close();
  }

  async function flush(): Promise<void> {
    if (failure) throw failure;
    flushing++;
    try {
      pump();
      await new Promise<void>((resolve, rejectFlush) => {
        drainWaiters.push({ resolve, reject: rejectFlush });
        checkDrained();
      });
    } finally {
      flushing--;
    }
  }

  const streamer: Streamer = {
    async send(records, meta) {
      assertOpen();
      const list: readonly unknown[] = Array.isArray(records) ? records : [records];
      metrics.start();
      counters.received += list.length;
      const time = new Date().toISOString();
      const events: PendingEvent[] = [];
      const payloads: string[] = [];
      const dead: DeadLetterEntry[] = [];
      for (let i = 0; i < list.length; i++) {
        const record = list[i];
        const source = meta?.sources?.[i];
        const problem = validate(record);
        if (problem !== undefined) {
          dead.push({ time, code: 'INVALID_RECORD', reason: problem, ...(source !== undefined ? { source } : {}), record });
          continue;
        }
        const payload = JSON.stringify(record);
        const bytes = Buffer.byteLength(payload);
        if (!fitsAlone(bytes, config.maxRequestBytes)) {
          dead.push({ time, code: 'RECORD_TOO_LARGE', reason: tooLargeReason(bytes, config.maxRequestBytes), ...(source !== undefined ? { source } : {}), record });
          continue;
        }
        payloads.push(payload);
        const event: PendingEvent = { seq: 0, payload, bytes };
        if (source !== undefined) event.source = source;
        events.push(event);
      }
      sendsInProgress++;
      try {
        await waitForRoom();
        const [spooled] = await Promise.all([payloads.length > 0 ? spool.append(payloads) : Promise.resolve([]), writeDeadLetters(dead)]);
        for (let i = 0; i < events.length; i++) {
          const event = events[i]!;
          event.seq = spooled[i]!.seq;
          enqueue(event);
        }
        counters.spooled += events.length;
        metrics.changed();
        pump();
        return { spooled: events.length, deadLettered: dead.length };
      } finally {
        sendsInProgress--;
        checkDrained();
      }
    },

    async deadLetter(entries) {
      assertOpen();
      const time = new Date().toISOString();
      await writeDeadLetters(entries.map((e) => ({ time, ...e })));
    },

    flush,

    async close(): Promise<StreamSummary> {
      if (state !== 'open') throw new DataCloudError('STREAMER_CLOSED', 'The streamer is already closed or aborted.');
      state = 'closing';
      try {
        await flush();
      } finally {
        await release();
        state = 'closed';
        metrics.final();
      }
      return { ...metrics.snapshot(), durationMs: metrics.elapsedMs(), deadLetterFile: options.deadLetterFile };
    },

    async abort() {
      if (state === 'aborted' || state === 'closed') return;
      state = 'aborted';
      failure ??= new DataCloudError('ABORTED', 'The streamer was aborted; events not yet accepted stay in the spool for the next run.');
      controller.abort();
      wakeRoom();
      checkDrained();
      await release();
    },

    metrics: metrics.snapshot,

    on(event: string, listener: (...args: never[]) => void) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return streamer;
    },
    off(event: string, listener: (...args: never[]) => void) {
      emitter.off(event, listener as (...args: unknown[]) => void);
      return streamer;
    },
  } as Streamer;
  return streamer;
}
