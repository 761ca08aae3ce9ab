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

/**
 * Today's business day, recomputed only when the clock leaves the day it computed last: building
 * a zoned date for every request was a visible share of a cached read's CPU time.
 */
export class BusinessDayCache {
  private cached?: { day: Day; startsAt: number; endsAt: number };

  constructor(private readonly timeZone: string) {}

  dayOf(instant: Date): Day {
    const at = instant.getTime();
    if (this.cached && at >= this.cached.startsAt && at < this.cached.endsAt) return this.cached.day;

    const local = DateTime.fromJSDate(instant, { zone: this.timeZone });
    const start = local.startOf('day');
    this.cached = { day: local.toISODate() as Day, startsAt: start.toMillis(), endsAt: start.plus({ days: 1 }).toMillis() };

    return this.cached.day;
  }
}
