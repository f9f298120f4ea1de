import type { BatteryStatus, ChargingState } from '../batteryStatus.js';
import type { Random } from './random.js';
import type { Site } from './sites.js';
import { clearSkyIrradiance } from './solarIrradiance.js';

export type FaultKind = 'PANEL_DISCONNECTED' | 'CHARGE_CONTROLLER_FAULT' | 'VOLTAGE_SENSOR_DRIFT';

/** One device: a panel, a LiFePO4 battery and the load it powers (a remote station, a street light…). */
export interface PanelDevice {
  deviceId: string;
  site: Site;
  /** Panel rating at 1000 W/m², W. */
  ratedWatts: number;
  batteryWh: number;
  /** Average draw, W. */
  baseLoadWatts: number;
  fault?: { kind: FaultKind; from: number /* epoch ms */ };
}

export interface PanelState {
  energyWh: number;
  /** Cloud cover seen by this panel: 1 clear, lower through cloud (a slow random walk). */
  sky: number;
}

/** What the panel and its battery measure; the fleet adds the ids and the time to make a BatteryStatus. */
export type PanelReading = Omit<BatteryStatus, 'eventId' | 'deviceId' | 'siteId' | 'eventTime'>;

/** Derating for wiring, dust, inverter and temperature losses (PVWatts uses about 14 %). */
const SYSTEM_DERATE = 0.86;
const CHARGE_EFFICIENCY = 0.95;
/** Below this net flow the battery is idle, W. */
const IDLE_BAND_WATTS = 3;

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Battery voltage of a 24 V LiFePO4 pack: flat in the middle, pulled up while charging and down under load. */
function packVoltage(level: number, netWatts: number): number {
  const rest = 24.0 + 2.6 * (level / 100) + (level > 95 ? (level - 95) * 0.08 : 0) - (level < 10 ? (10 - level) * 0.12 : 0);
  return rest + Math.max(-0.6, Math.min(0.6, netWatts / 500));
}

/**
 * Advances a device by `seconds` ending at `time` and reads it: the panel's output follows the sun at
 * its site through the passing cloud, the battery charges with the surplus and powers the load at night.
 */
export function stepPanel(device: PanelDevice, state: PanelState, time: Date, seconds: number, random: Random): PanelReading {
  const faulty = device.fault !== undefined && time.getTime() >= device.fault.from ? device.fault.kind : undefined;
  state.sky = Math.min(1, Math.max(0.35, state.sky + random.gaussian(0.04 * Math.sqrt(seconds / 60))));
  const irradiance = clearSkyIrradiance(device.site, time) * state.sky;
  const producing = faulty !== 'PANEL_DISCONNECTED' && faulty !== 'CHARGE_CONTROLLER_FAULT';
  const panelWatts = producing && irradiance > 0 ? Math.max(0, device.ratedWatts * (irradiance / 1000) * SYSTEM_DERATE * (1 + random.gaussian(0.02))) : 0;
  const loadWatts = Math.max(0, device.baseLoadWatts * (1 + random.gaussian(0.08)));

  const before = state.energyWh;
  const net = panelWatts - loadWatts;
  const deltaWh = ((net > 0 ? net * CHARGE_EFFICIENCY : net / CHARGE_EFFICIENCY) * seconds) / 3600;
  state.energyWh = Math.min(device.batteryWh, Math.max(0, state.energyWh + deltaWh));
  const flowWatts = ((state.energyWh - before) * 3600) / seconds;
  const level = (100 * state.energyWh) / device.batteryWh;
  // An empty battery's low-voltage disconnect sheds what the panel can't cover.
  const servedWatts = net < 0 ? panelWatts - flowWatts * CHARGE_EFFICIENCY : loadWatts;

  const chargingState: ChargingState =
    faulty === 'CHARGE_CONTROLLER_FAULT'
      ? 'Fault'
      : level >= 99.9 && net >= 0
        ? 'Full'
        : flowWatts > IDLE_BAND_WATTS
          ? 'Charging'
          : flowWatts < -IDLE_BAND_WATTS
            ? 'Discharging'
            : 'Idle';
  const voltage = packVoltage(level, flowWatts) + (faulty === 'VOLTAGE_SENSOR_DRIFT' ? random.between(-3, 3) : random.gaussian(0.02));
  return {
    batteryLevel: round(level, 1),
    chargingState,
    voltage: round(voltage, 2),
    panelOutputWatts: round(panelWatts, 1),
    loadWatts: round(Math.min(loadWatts, servedWatts), 1),
    // Panels run about 25 °C over the air in full sun (NOCT); the air is warmer by day.
    panelTemperature: round(15 + 8 * (irradiance / 1000) + 0.025 * irradiance + random.gaussian(0.3), 1),
    faultCode: faulty ?? null,
  };
}
