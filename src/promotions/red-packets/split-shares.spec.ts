import { splitShares } from './split-shares';

describe('splitShares', () => {
  it('sums exactly to the total with every share at least 1 cent', () => {
    for (const [total, shares] of [[10_000, 10], [100, 100], [101, 100], [1, 1], [999_999, 7], [5_000, 1000]]) {
      const amounts = splitShares(total, shares);

      expect(amounts).toHaveLength(shares);
      expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(total);
      expect(Math.min(...amounts)).toBeGreaterThanOrEqual(1);
      expect(amounts.every(Number.isInteger)).toBe(true);
    }
  });

  it('is fair: every position has about the same expected amount', () => {
    const runs = 4000;
    const sums = Array(5).fill(0);
    for (let run = 0; run < runs; run++) splitShares(1000, 5).forEach((amount, index) => (sums[index] += amount));

    for (const sum of sums) expect(sum / runs).toBeGreaterThan(180);
    for (const sum of sums) expect(sum / runs).toBeLessThan(220);
  });

  it('refuses more shares than cents, and non-positive inputs', () => {
    expect(() => splitShares(99, 100)).toThrow(RangeError);
    expect(() => splitShares(0, 1)).toThrow(RangeError);
    expect(() => splitShares(100, 0)).toThrow(RangeError);
  });
});
