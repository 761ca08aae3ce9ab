import { businessDay, BusinessDayCache, monthBounds, previousDay } from './business-day';

describe('businessDay', () => {
  it('takes the day in the business time zone, not UTC', () => {
    // 23:30 UTC on Dec 2 is 07:30 on Dec 3 in Shanghai (UTC+8).
    expect(businessDay(new Date('2026-12-02T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(businessDay(new Date('2026-12-02T23:30:00Z'), 'UTC')).toBe('2026-12-02');
  });

  it('changes day exactly at local midnight', () => {
    expect(businessDay(new Date('2026-12-03T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(businessDay(new Date('2026-12-03T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-12-04');
  });

  it('follows daylight saving time where the zone has it', () => {
    // New York: UTC-4 in July, UTC-5 in December.
    expect(businessDay(new Date('2026-07-01T03:59:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(businessDay(new Date('2026-12-01T04:59:00Z'), 'America/New_York')).toBe('2026-11-30');
  });
});

describe('previousDay', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(previousDay('2026-12-01')).toBe('2026-11-30');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
  });
});

describe('monthBounds', () => {
  it('gives the first and last day of the month', () => {
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });
});

describe('BusinessDayCache', () => {
  it('agrees with businessDay across midnight, daylight saving changes and a clock going back', () => {
    const cache = new BusinessDayCache('America/New_York');
    const instants = [
      '2026-03-08T04:59:59Z', // 23:59:59 Mar 7 (EST)
      '2026-03-08T05:00:00Z', // 00:00 Mar 8, the day clocks spring forward
      '2026-03-09T03:59:59Z', // 23:59:59 Mar 8 (EDT): a 23-hour day
      '2026-03-09T04:00:00Z', // 00:00 Mar 9
      '2026-03-08T12:00:00Z', // back in time
      '2026-11-01T04:00:00Z', // 00:00 Nov 1 (EDT), the day clocks fall back: a 25-hour day
      '2026-11-02T04:59:59Z', // 23:59:59 Nov 1 (EST)
      '2026-11-02T05:00:00Z', // 00:00 Nov 2
    ];
    for (const instant of instants) {
      expect(cache.dayOf(new Date(instant))).toBe(businessDay(new Date(instant), 'America/New_York'));
    }
  });
});
