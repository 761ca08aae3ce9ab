import { bucketOf } from './sign-in-cache';

describe('bucketOf', () => {
  it('spreads sequential user ids evenly over the buckets', () => {
    const counts = new Map<number, number>();
    for (let id = 1; id <= 10_240; id++) {
      const bucket = bucketOf(id, 1024);
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }

    expect(counts.size).toBe(1024);
    expect(new Set(counts.values())).toEqual(new Set([10]));
  });

  it('stays within range', () => {
    for (const id of [1, 1023, 1024, 9_007_199_254_740_991]) {
      const bucket = bucketOf(id, 1024);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(1024);
    }
  });
});
