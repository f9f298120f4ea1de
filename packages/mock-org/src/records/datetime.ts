/** A datetime as the REST API renders it: 2026-11-26T15:08:25.000+0000. */
export function formatDatetime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Parses the datetime forms Salesforce accepts (ISO-8601 with Z, ±hh:mm or ±hhmm); undefined when invalid. */
export function parseDatetime(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return undefined;
  const zone = match[3] === undefined || match[3] === 'Z' ? 'Z' : match[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** True for a real calendar date in yyyy-MM-dd. */
export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
