/** One spooled event waiting to be sent. */
export interface PendingEvent {
  seq: number;
  /** The record as JSON. */
  payload: string;
  /** UTF-8 length of payload. */
  bytes: number;
  source?: string;
}

export interface Batch {
  events: PendingEvent[];
  /** Size of the request body {"data":[…]}. */
  bodyBytes: number;
}

/** `{"data":[` + `]}` around the comma-separated records. */
const ENVELOPE_BYTES = '{"data":[]}'.length;

export const bodyBytesOf = (events: readonly PendingEvent[]): number => ENVELOPE_BYTES + events.reduce((sum, e) => sum + e.bytes, 0) + Math.max(0, events.length - 1);

/**
 * The request body as bytes, written straight from the already serialized records (each record is
 * stringified once) into one buffer: no 200 KB intermediate string for the garbage collector.
 */
export function requestBody(events: readonly PendingEvent[]): Buffer {
  const body = Buffer.allocUnsafe(bodyBytesOf(events));
  let at = body.write('{"data":[', 0, 'latin1');
  for (let i = 0; i < events.length; i++) {
    if (i > 0) body[at++] = 0x2c; // ,
    at += body.write(events[i]!.payload, at, 'utf8');
  }
  body.write(']}', at, 'latin1');
  return body;
}

/** Whether one record alone fits in a request. */
export const fitsAlone = (bytes: number, maxRequestBytes: number): boolean => ENVELOPE_BYTES + bytes <= maxRequestBytes;

/** Packs events into batches by body size: a batch is closed when the next event would push it past the cap. */
export function createBatchQueue(maxRequestBytes: number) {
  const ready: Batch[] = [];
  let head = 0;
  let open: PendingEvent[] = [];
  let openBytes = ENVELOPE_BYTES;
  let openedAt = 0;

  const closeOpen = (): void => {
    if (open.length === 0) return;
    ready.push({ events: open, bodyBytes: openBytes });
    open = [];
    openBytes = ENVELOPE_BYTES;
  };

  return {
    add(event: PendingEvent): void {
      const extra = event.bytes + (open.length > 0 ? 1 : 0);
      if (open.length > 0 && openBytes + extra > maxRequestBytes) closeOpen();
      if (open.length === 0) openedAt = Date.now();
      openBytes += event.bytes + (open.length > 0 ? 1 : 0);
      open.push(event);
      if (openBytes >= maxRequestBytes) closeOpen();
    },
    /** Closes the partly filled batch so it can go now (linger elapsed, or a flush). */
    closeOpen,
    /** When the partly filled batch got its first event (0 when there is none). */
    openSince: (): number => (open.length > 0 ? openedAt : 0),
    hasReady: (): boolean => head < ready.length,
    take(): Batch | undefined {
      if (head >= ready.length) return undefined;
      const batch = ready[head]!;
      ready[head++] = undefined as unknown as Batch;
      if (head > 1024 && head * 2 > ready.length) {
        ready.splice(0, head);
        head = 0;
      }
      return batch;
    },
  };
}

export type BatchQueue = ReturnType<typeof createBatchQueue>;
