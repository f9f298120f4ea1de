/** A SOQL string literal: quotes and backslashes escaped, so a name from config can't change the query. */
export const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
