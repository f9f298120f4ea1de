import { notFound } from '../errors.js';

export const LATEST_VERSION = '65.0';
const OLDEST = 20;
const LATEST = 65;

const RELEASES = ['Winter', 'Spring', 'Summer'] as const;

/** "Winter '26" for 65.0: three releases a year, 65.0 being Winter '26. */
function releaseLabel(major: number): string {
  const offset = major - 65;
  const index = ((offset % 3) + 3) % 3;
  const year = 26 + Math.floor(offset / 3);
  return `${RELEASES[index]} '${String(year).padStart(2, '0')}`;
}

/** GET /services/data: every version the mock accepts. */
export function versionList(): { label: string; url: string; version: string }[] {
  const out = [];
  for (let v = OLDEST; v <= LATEST; v++) out.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

/** "v65.0" → "65.0"; anything outside v20.0–v65.0 is a 404 as on a real org. */
export function requireVersion(segment: string | undefined): string {
  const match = /^v(\d+)\.0$/.exec(segment ?? '');
  const major = match ? Number(match[1]) : NaN;
  if (!(major >= OLDEST && major <= LATEST)) throw notFound();
  return `${major}.0`;
}
