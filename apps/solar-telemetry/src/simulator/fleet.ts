import type { BatteryStatus } from '../batteryStatus.js';
import { stepPanel, type FaultKind, type PanelDevice, type PanelState } from './panel.js';
import { createRandom } from './random.js';
import { SITES } from './sites.js';

export interface FleetOptions {
  devices: number;
  /** Simulated seconds between two readings of a device. */
  intervalSeconds: number;
  /** Simulated seconds to run. */
  durationSeconds: number;
  /** Simulated time of the first reading. */
  start: Date;
  /** Same seed, same fleet and readings (default 1). */
  seed?: number;
  /** Share of devices that develop a fault during the run (default 0.05, at least one in 20 devices). */
  faultRate?: number;
}

/** All devices' readings at one simulated moment. */
export interface FleetTick {
  time: Date;
  events: BatteryStatus[];
}

const FAULTS: readonly FaultKind[] = ['PANEL_DISCONNECTED', 'CHARGE_CONTROLLER_FAULT', 'VOLTAGE_SENSOR_DRIFT'];

/** The fleet: devices spread over the sites, of a few sizes, some of them failing at some point. */
export function createFleet(options: Pick<FleetOptions, 'devices' | 'durationSeconds' | 'start' | 'seed' | 'faultRate'>): PanelDevice[] {
  const random = createRandom(options.seed ?? 1);
  const faultRate = options.faultRate ?? 0.05;
  return Array.from({ length: options.devices }, (_, i) => {
    const ratedWatts = [300, 400, 450][i % 3]!;
    const fails = random.next() < faultRate || (faultRate > 0 && i % 20 === 19);
    return {
      deviceId: `panel-${String(i + 1).padStart(4, '0')}`,
      site: SITES[i % SITES.length]!,
      ratedWatts,
      batteryWh: ratedWatts * 6,
      baseLoadWatts: ratedWatts / 10,
      ...(fails ? { fault: { kind: FAULTS[i % FAULTS.length]!, from: options.start.getTime() + random.next() * options.durationSeconds * 1000 } } : {}),
    };
  });
}

/** Reading id: the device and the second of the reading, so a rerun of the same window upserts. */
const eventIdOf = (deviceId: string, time: Date): string => `${deviceId}-${time.toISOString().replace(/[-:]|\.\d+/g, '')}`;

/** Readings of the whole fleet, one tick per interval, from `start` for `durationSeconds`. */
export function* simulateFleet(options: FleetOptions): Generator<FleetTick> {
  const devices = createFleet(options);
  const random = createRandom((options.seed ?? 1) + 1);
  const states: PanelState[] = devices.map(() => ({ energyWh: 0, sky: 1 }));
  devices.forEach((device, i) => {
    states[i]!.energyWh = device.batteryWh * random.between(0.4, 0.8);
    states[i]!.sky = random.between(0.6, 1);
  });
  for (let elapsed = 0; elapsed <= options.durationSeconds; elapsed += options.intervalSeconds) {
    const time = new Date(options.start.getTime() + elapsed * 1000);
    const events = devices.map((device, i): BatteryStatus => ({
      eventId: eventIdOf(device.deviceId, time),
      deviceId: device.deviceId,
      siteId: device.site.id,
      eventTime: time.toISOString(),
      ...stepPanel(device, states[i]!, time, options.intervalSeconds, random),
    }));
    yield { time, events };
  }
}
