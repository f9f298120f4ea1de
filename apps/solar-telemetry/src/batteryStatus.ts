import { fileURLToPath } from 'node:url';

/** What a battery does at the moment of a reading. */
export type ChargingState = 'Charging' | 'Discharging' | 'Full' | 'Idle' | 'Fault';

/** One reading of a solar panel with its battery: a BatteryStatus record of schema/battery-status.yaml. */
export interface BatteryStatus {
  /** Primary key of the data stream: device and reading time, so a resent reading upserts. */
  eventId: string;
  deviceId: string;
  siteId: string;
  /** The Engagement event time, ISO-8601 UTC. */
  eventTime: string;
  /** State of charge, 0–100 %. */
  batteryLevel: number;
  chargingState: ChargingState;
  /** Battery terminal voltage (24 V LiFePO4 pack). */
  voltage: number;
  panelOutputWatts: number;
  /** What the device draws from the battery. */
  loadWatts: number;
  /** Panel temperature, °C. */
  panelTemperature: number;
  /** Blank when healthy. */
  faultCode: string | null;
}

export const CONNECTOR = 'solar';
export const OBJECT = 'BatteryStatus';

/** The connector schema shipped with the app (dist/ → ../schema). */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/battery-status.yaml', import.meta.url));
