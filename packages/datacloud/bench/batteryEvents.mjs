// Battery-status events as a fleet of panels would report them: deterministic, so runs compare.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const CONNECTOR = 'bench';
export const OBJECT = 'BatteryStatus';
const DEVICES = 5_000;
const SITES = 50;
const STATES = ['charging', 'discharging', 'idle', 'full'];
const START = Date.parse('2026-11-01T00:00:00.000Z');

/** Event i; prefix keeps different runs' primary keys apart. */
export function batteryEvent(i, prefix = 'evt') {
  const device = i % DEVICES;
  const level = (i * 7919) % 1001;
  return {
    eventId: `${prefix}-${String(i).padStart(9, '0')}`,
    deviceId: `panel-${String(device).padStart(5, '0')}`,
    batteryLevel: level / 10,
    eventTime: new Date(START + Math.floor(i / DEVICES) * 60_000 + device * 7).toISOString(),
    chargingState: STATES[(device + Math.floor(i / DEVICES)) % STATES.length],
    voltage: Math.round((11.8 + (level / 1000) * 2.6) * 100) / 100,
    siteId: `site-${String(device % SITES).padStart(3, '0')}`,
  };
}

/** Writes count events as NDJSON; resolves with the file's size in bytes. */
export async function writeBatteryEvents(file, count) {
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${JSON.stringify(batteryEvent(i))}\n`;
    if (chunk.length >= 1 << 20 || i === count - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
