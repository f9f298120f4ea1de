import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConnectorSchema } from '@orgkit/datacloud-schema';

export const BATTERY_YAML_FILE = fileURLToPath(new URL('../fixtures/battery.yaml', import.meta.url));
export const BATTERY_YAML = readFileSync(BATTERY_YAML_FILE, 'utf8');
export const batterySchema = parseConnectorSchema(BATTERY_YAML, 'battery.yaml');

/** The table the mock lands BatteryStatus rows of connector "solar" in. */
export const DLO = 'BatteryStatus_solar__dll';

export type BatteryEvent = {
  eventId: string;
  deviceId: string;
  batteryLevel: number;
  chargingState: string;
  voltage: number;
  site: string;
  eventTime: string;
};

/** A reading of panel (i mod 500), as the solar simulator makes them. */
export function batteryEvent(i: number, prefix = 'evt'): BatteryEvent {
  return {
    eventId: `${prefix}-${String(i).padStart(7, '0')}`,
    deviceId: `panel-${String(i % 500).padStart(4, '0')}`,
    batteryLevel: Math.round((50 + 45 * Math.sin(i / 97)) * 10) / 10,
    chargingState: i % 3 === 0 ? 'discharging' : 'charging',
    voltage: 48 + (i % 40) / 10,
    site: `site-${i % 17}`,
    eventTime: new Date(Date.UTC(2026, 10, 26, 6, 0, 0) + i * 1000).toISOString(),
  };
}

export const batteryEvents = (count: number, prefix = 'evt', from = 0): BatteryEvent[] => Array.from({ length: count }, (_, i) => batteryEvent(from + i, prefix));
