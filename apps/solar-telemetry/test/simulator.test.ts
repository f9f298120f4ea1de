import { createRecordValidator, loadConnectorSchema } from '@orgkit/datacloud-schema';
import { describe, expect, it } from 'vitest';
import { OBJECT, SCHEMA_FILE } from '../src/batteryStatus.js';
import { createFleet, simulateFleet } from '../src/simulator/fleet.js';
import { solarHour } from '../src/simulator/solarIrradiance.js';

// A week from the June solstice, one reading every 10 minutes.
const WEEK = { devices: 40, intervalSeconds: 600, durationSeconds: 7 * 86_400, start: new Date('2026-06-21T00:00:00Z'), seed: 7 };

describe('the panel fleet simulator', () => {
  const ticks = [...simulateFleet(WEEK)];
  const healthy = new Set(createFleet(WEEK).filter((d) => !d.fault).map((d) => d.deviceId));
  const fleet = createFleet(WEEK);
  const siteOf = new Map(fleet.map((d) => [d.deviceId, d.site]));
  const readings = ticks.flatMap((t) => t.events.map((e) => ({ ...e, hour: solarHour(siteOf.get(e.deviceId)!, t.time) })));

  it('charges healthy batteries around solar noon and runs them down at night', () => {
    const noon = readings.filter((r) => healthy.has(r.deviceId) && r.hour >= 11 && r.hour < 13);
    const night = readings.filter((r) => healthy.has(r.deviceId) && (r.hour >= 23 || r.hour < 3));
    expect(noon.length).toBeGreaterThan(100);
    expect(night.length).toBeGreaterThan(100);
    // Noon: panels produce, batteries charge (or are already full).
    expect(noon.every((r) => r.panelOutputWatts > 0)).toBe(true);
    expect(noon.filter((r) => r.chargingState === 'Charging' || r.chargingState === 'Full').length / noon.length).toBeGreaterThan(0.95);
    // Night: no output, the load drains the battery until its low-voltage disconnect sheds the load.
    expect(night.every((r) => r.panelOutputWatts === 0)).toBe(true);
    expect(night.every((r) => r.chargingState === 'Discharging' || (r.chargingState === 'Idle' && r.batteryLevel < 1))).toBe(true);
    expect(night.filter((r) => r.chargingState === 'Discharging').length / night.length).toBeGreaterThan(0.8);
  });

  it('keeps battery levels within 0–100 and moves them up by day and down by night', () => {
    expect(readings.every((r) => r.batteryLevel >= 0 && r.batteryLevel <= 100)).toBe(true);
    const device = [...healthy][0]!;
    const levelAt = (hour: number) => readings.find((r) => r.deviceId === device && Math.abs(r.hour - hour) < 0.09)!.batteryLevel;
    expect(levelAt(16)).toBeGreaterThan(levelAt(7));
  });

  it('has a few panels with faults that report a fault code and stop producing or drift', () => {
    const faulty = fleet.filter((d) => d.fault);
    expect(faulty.length).toBeGreaterThanOrEqual(2);
    expect(faulty.length).toBeLessThan(fleet.length / 4);
    const faultReadings = readings.filter((r) => r.faultCode !== null);
    expect(new Set(faultReadings.map((r) => r.deviceId)).size).toBe(faulty.length);
    const disconnected = faultReadings.filter((r) => r.faultCode === 'PANEL_DISCONNECTED');
    expect(disconnected.every((r) => r.panelOutputWatts === 0)).toBe(true);
  });

  it('produces only events valid against schema/battery-status.yaml, with unique event ids', () => {
    const validate = createRecordValidator(loadConnectorSchema(SCHEMA_FILE).object(OBJECT)!);
    const events = ticks.flatMap((t) => t.events);
    const problems = events.map(validate).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('gives the same readings for the same seed', () => {
    const short = { ...WEEK, durationSeconds: 3600 };
    expect([...simulateFleet(short)]).toEqual([...simulateFleet(short)]);
  });
});
