import { randomInt } from 'node:crypto';

/**
 * Splits a total into `shares` random amounts: each at least 1 cent, summing exactly to the total.
 *
 * "Double average": each share but the last is uniform in [1, 2 x the average of what is left], so
 * every share has the same expected value (total / shares) whatever its turn; the cap keeps one
 * cent for every share still to come. The result is shuffled, so the list order tells nothing.
 */
export function splitShares(totalCents: number, shares: number, random: (maxExclusive: number) => number = randomInt): number[] {
  if (!Number.isSafeInteger(totalCents) || !Number.isSafeInteger(shares) || shares < 1 || totalCents < shares) {
    throw new RangeError(`cannot split ${totalCents} cents into ${shares} shares of at least 1 cent`);
  }

  const amounts: number[] = [];
  let remaining = totalCents;
  for (let left = shares; left > 1; left--) {
    const max = Math.min(Math.floor((2 * remaining) / left), remaining - (left - 1));
    const amount = 1 + random(max);
    amounts.push(amount);
    remaining -= amount;
  }
  amounts.push(remaining);

  for (let i = amounts.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [amounts[i], amounts[j]] = [amounts[j], amounts[i]];
  }

  return amounts;
}
