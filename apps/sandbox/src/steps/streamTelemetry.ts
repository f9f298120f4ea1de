import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createStreamer, query } from '@orgkit/datacloud';
import { loadConnectorSchema } from '@orgkit/datacloud-schema';
import type { MockOrg } from '@orgkit/mock-org';
import type { CoreAuth } from '@orgkit/org-auth';
import { CONNECTOR, OBJECT, SCHEMA_FILE, simulateFleet } from '@orgkit/solar-telemetry';
import { StepFailure } from '../stepFailure.js';

/** A short run: a morning at a few panels, a reading every minute (a few thousand events). */
export const TELEMETRY_RUN = { devices: 6, intervalSeconds: 60, durationSeconds: 6 * 3600, start: new Date('2026-06-21T06:00:00Z'), seed: 1 } as const;

/** The data lake object the stream lands in: `{object}_{connector}__dll`. */
export const DLO = `${OBJECT}_${CONNECTOR}__dll`;

export interface TelemetryResult {
  sent: number;
  accepted: number;
  deadLettered: number;
  requests: number;
  dloRows: number;
}

/**
 * The BatteryStatus connector and its Engagement stream (primary key eventId, event time
 * eventTime, as the solar-telemetry README sets them up), then the simulated fleet streamed
 * through @orgkit/datacloud's streamer with the org's JWT login, and the rows counted by the
 * Query API.
 */
export async function streamTelemetry(org: MockOrg, auth: CoreAuth, spoolDir: string): Promise<TelemetryResult> {
  const tenant = org.dataCloud;
  if (!tenant) throw new StepFailure(`Org ${org.name} has no Data Cloud tenant`);
  tenant.registerConnector(CONNECTOR, readFileSync(SCHEMA_FILE, 'utf8'), [{ object: OBJECT, primaryKey: 'eventId', category: 'Engagement', eventTimeField: 'eventTime' }]);
  const streamer = await createStreamer({
    auth: { core: auth },
    connector: CONNECTOR,
    object: OBJECT,
    schema: loadConnectorSchema(SCHEMA_FILE),
    spoolDir,
    deadLetterFile: path.join(spoolDir, 'dead-letter.ndjson'),
  });
  let sent = 0;
  try {
    for (const tick of simulateFleet(TELEMETRY_RUN)) {
      await streamer.send(tick.events);
      sent += tick.events.length;
    }
  } catch (err) {
    await streamer.abort();
    throw err;
  }
  const summary = await streamer.close();
  if (summary.deadLettered > 0) throw new StepFailure(`${summary.deadLettered} of ${sent} events were dead-lettered (see ${summary.deadLetterFile})`);
  // Accepted is not yet queryable in Data Cloud: wait until the tenant has landed every request.
  await tenant.settled();
  const [row] = await query({ auth: { core: auth }, sql: `SELECT COUNT(*) AS n FROM ${DLO}` });
  const dloRows = Number(row?.n);
  if (dloRows !== sent) throw new StepFailure(`sent ${sent} events but ${DLO} holds ${dloRows} rows`);
  return { sent, accepted: summary.accepted, deadLettered: summary.deadLettered, requests: summary.requests, dloRows };
}
