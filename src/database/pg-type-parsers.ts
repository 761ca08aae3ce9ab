import { types } from 'pg';

const BIGINT_OID = 20;
const DATE_OID = 1082;

/**
 * Money is integer cents in bigint columns; node-postgres returns bigint as a string by default.
 * Parse it to a number, refusing values that a JS number cannot hold exactly.
 */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} exceeds Number.MAX_SAFE_INTEGER`);

  return value;
}

/**
 * A DATE is a calendar day (a business day, computed by the app). Keep it as 'YYYY-MM-DD': the
 * default parser turns it into a Date at local midnight, which shifts the day when the process's
 * time zone differs from the database's.
 */
export function installPgTypeParsers(): void {
  types.setTypeParser(BIGINT_OID, parseBigint);
  types.setTypeParser(DATE_OID, (text: string) => text);
}
