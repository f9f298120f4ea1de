import type { Site } from './sites.js';

const RAD = Math.PI / 180;
/** Clear-sky irradiance on a panel facing the sun at sea level, W/m² (the 1000 W/m² of panel ratings). */
const PEAK_IRRADIANCE = 1000;

/** Local solar time in hours (0–24): UTC shifted by longitude; the equation of time (±16 min) is ignored. */
export function solarHour(site: Site, time: Date): number {
  const utcHours = time.getUTCHours() + time.getUTCMinutes() / 60 + time.getUTCSeconds() / 3600;
  return (((utcHours + site.longitude / 15) % 24) + 24) % 24;
}

/** Height of the sun above the horizon, in degrees (negative at night). */
export function solarElevation(site: Site, time: Date): number {
  const dayOfYear = Math.floor((time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 0)) / 86_400_000);
  const declination = 23.44 * Math.sin(((2 * Math.PI) / 365) * (284 + dayOfYear));
  const hourAngle = 15 * (solarHour(site, time) - 12);
  const sinElevation =
    Math.sin(site.latitude * RAD) * Math.sin(declination * RAD) + Math.cos(site.latitude * RAD) * Math.cos(declination * RAD) * Math.cos(hourAngle * RAD);
  return Math.asin(sinElevation) / RAD;
}

/** Clear-sky irradiance, W/m²: zero below the horizon, thinner through more air near it. */
export function clearSkyIrradiance(site: Site, time: Date): number {
  const sinElevation = Math.sin(solarElevation(site, time) * RAD);
  return sinElevation <= 0 ? 0 : PEAK_IRRADIANCE * Math.pow(sinElevation, 1.15);
}
