import { nextStreak, pointsForStreak } from './sign-in-rewards';

const rules = { basePoints: 10, streakBonusPoints: 5, streakBonusCapDays: 7 };

describe('pointsForStreak', () => {
  it('gives the base on the first day and a growing bonus after', () => {
    expect([1, 2, 3, 7].map((streak) => pointsForStreak(streak, rules))).toEqual([10, 15, 20, 40]);
  });

  it('stops the bonus growing at the cap', () => {
    expect(pointsForStreak(8, rules)).toBe(40);
    expect(pointsForStreak(365, rules)).toBe(40);
  });
});

describe('nextStreak', () => {
  it('continues yesterday or starts at one', () => {
    expect(nextStreak(0)).toBe(1);
    expect(nextStreak(6)).toBe(7);
  });
});
