const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const realDay = (year: string, month: string, day: string): boolean => {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Number(year), m);
};

/** Data Cloud dates are `yyyy-MM-dd` and must exist in the calendar (2026-02-30 does not). */
export function isIngestDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && realDay(m[1]!, m[2]!, m[3]!);
}

/** Data Cloud date-times are ISO-8601 in UTC with a `Z`: offsets like +02:00 are refused. */
export function isIngestDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  return m !== null && realDay(m[1]!, m[2]!, m[3]!) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}
