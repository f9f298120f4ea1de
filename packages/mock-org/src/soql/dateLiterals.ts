import { malformed, unsupported } from './errors.js';

/** A half-open span of UTC milliseconds [from, to). */
export interface Span {
  from: number;
  to: number;
}

const DAY = 86_400_000;

// All ranges are computed in UTC (the mock has no user time zone) and weeks start on Sunday
// (the en_US locale); fiscal literals are refused since the mock has no fiscal year settings.

function utcDay(now: Date): { y: number; m: number; day: number; today: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  return { y, m, day: now.getUTCDay(), today };
}

const month = (y: number, m: number): number => Date.UTC(y, m, 1);

/** TODAY, THIS_MONTH, … as a span of UTC time. */
export function dateLiteralSpan(literal: string, now: Date): Span {
  const { y, m, day, today } = utcDay(now);
  const week = today - day * DAY;
  const quarter = Math.floor(m / 3) * 3;
  switch (literal.toUpperCase()) {
    case 'TODAY':
      return { from: today, to: today + DAY };
    case 'YESTERDAY':
      return { from: today - DAY, to: today };
    case 'TOMORROW':
      return { from: today + DAY, to: today + 2 * DAY };
    case 'THIS_WEEK':
      return { from: week, to: week + 7 * DAY };
    case 'LAST_WEEK':
      return { from: week - 7 * DAY, to: week };
    case 'NEXT_WEEK':
      return { from: week + 7 * DAY, to: week + 14 * DAY };
    case 'THIS_MONTH':
      return { from: month(y, m), to: month(y, m + 1) };
    case 'LAST_MONTH':
      return { from: month(y, m - 1), to: month(y, m) };
    case 'NEXT_MONTH':
      return { from: month(y, m + 1), to: month(y, m + 2) };
    case 'THIS_QUARTER':
      return { from: month(y, quarter), to: month(y, quarter + 3) };
    case 'LAST_QUARTER':
      return { from: month(y, quarter - 3), to: month(y, quarter) };
    case 'NEXT_QUARTER':
      return { from: month(y, quarter + 3), to: month(y, quarter + 6) };
    case 'THIS_YEAR':
      return { from: month(y, 0), to: month(y + 1, 0) };
    case 'LAST_YEAR':
      return { from: month(y - 1, 0), to: month(y, 0) };
    case 'NEXT_YEAR':
      return { from: month(y + 1, 0), to: month(y + 2, 0) };
    case 'LAST_90_DAYS':
      return { from: today - 90 * DAY, to: today + DAY };
    case 'NEXT_90_DAYS':
      return { from: today + DAY, to: today + 91 * DAY };
    default:
      throw unsupported(`date literal ${literal}`);
  }
}

/** LAST_N_DAYS:n and friends as a span of UTC time. */
export function dateNLiteralSpan(literal: string, n: number, now: Date): Span {
  if (!Number.isInteger(n) || n < 0) throw malformed(`invalid date literal: ${literal}`);
  const { y, m, day, today } = utcDay(now);
  const week = today - day * DAY;
  const quarter = Math.floor(m / 3) * 3;
  const name = literal.split(':')[0]!.toUpperCase();
  switch (name) {
    // LAST_N_DAYS includes today; NEXT_N_DAYS starts tomorrow (Salesforce's documented ranges).
    case 'LAST_N_DAYS':
      return { from: today - n * DAY, to: today + DAY };
    case 'NEXT_N_DAYS':
      return { from: today + DAY, to: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return { from: today - n * DAY, to: today - (n - 1) * DAY };
    case 'LAST_N_WEEKS':
      return { from: week - 7 * n * DAY, to: week };
    case 'NEXT_N_WEEKS':
      return { from: week + 7 * DAY, to: week + 7 * (n + 1) * DAY };
    case 'N_WEEKS_AGO':
      return { from: week - 7 * n * DAY, to: week - 7 * (n - 1) * DAY };
    case 'LAST_N_MONTHS':
      return { from: month(y, m - n), to: month(y, m) };
    case 'NEXT_N_MONTHS':
      return { from: month(y, m + 1), to: month(y, m + 1 + n) };
    case 'N_MONTHS_AGO':
      return { from: month(y, m - n), to: month(y, m - n + 1) };
    case 'LAST_N_QUARTERS':
      return { from: month(y, quarter - 3 * n), to: month(y, quarter) };
    case 'NEXT_N_QUARTERS':
      return { from: month(y, quarter + 3), to: month(y, quarter + 3 + 3 * n) };
    case 'N_QUARTERS_AGO':
      return { from: month(y, quarter - 3 * n), to: month(y, quarter - 3 * n + 3) };
    case 'LAST_N_YEARS':
      return { from: month(y - n, 0), to: month(y, 0) };
    case 'NEXT_N_YEARS':
      return { from: month(y + 1, 0), to: month(y + 1 + n, 0) };
    case 'N_YEARS_AGO':
      return { from: month(y - n, 0), to: month(y - n + 1, 0) };
    default:
      throw unsupported(`date literal ${literal}`);
  }
}
