/** Where panels stand: latitude and longitude set the sunrise, sunset and noon height of the sun. */
export interface Site {
  id: string;
  latitude: number;
  longitude: number;
}

export const SITES: readonly Site[] = [
  { id: 'site-phoenix', latitude: 33.45, longitude: -112.07 },
  { id: 'site-seville', latitude: 37.39, longitude: -5.98 },
  { id: 'site-pune', latitude: 18.52, longitude: 73.86 },
  { id: 'site-perth', latitude: -31.95, longitude: 115.86 },
];
