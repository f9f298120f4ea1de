export { CONNECTOR, OBJECT, SCHEMA_FILE, type BatteryStatus, type ChargingState } from './batteryStatus.js';
export { createFleet, simulateFleet, type FleetOptions, type FleetTick } from './simulator/fleet.js';
export { stepPanel, type FaultKind, type PanelDevice, type PanelReading, type PanelState } from './simulator/panel.js';
export { clearSkyIrradiance, solarElevation, solarHour } from './simulator/solarIrradiance.js';
export { SITES, type Site } from './simulator/sites.js';
export { createRandom } from './simulator/random.js';
export { createPacer } from './pace.js';
export { parseDuration } from './duration.js';
