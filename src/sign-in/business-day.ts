import { DateTime } from 'luxon';

/** A calendar day as 'YYYY-MM-DD'. */
export type Day = string;

/** The business day an instant falls on in the shop's time zone (not the server's, not the database's). */
export function businessDay(instant: Date, timeZone: string): Day {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() as Day;
}

export function previousDay(day: Day): Day {
  return DateTime.fromISO(day, { zone: 'utc' }).minus({ days: 1 }).toISODate() as Day;
}

/** The month a day belongs to, as 'YYYY-MM'. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

export function monthBounds(month: string): { first: Day; last: Day } {
  const start = DateTime.fromISO(`${month}-01`, { zone: 'utc' });

  return { first: start.toISODate() as Day, last: start.endOf('month').toISODate() as Day };
}
