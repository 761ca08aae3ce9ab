import { levelFor } from './user-level';

describe('levelFor', () => {
  it('starts at Bronze and counts the points to the next level', () => {
    expect(levelFor(0)).toEqual({ rank: 1, name: 'Bronze', pointsToNext: 500 });
    expect(levelFor(499)).toEqual({ rank: 1, name: 'Bronze', pointsToNext: 1 });
  });

  it('moves up exactly at each threshold', () => {
    expect(levelFor(500)).toEqual({ rank: 2, name: 'Silver', pointsToNext: 1500 });
    expect(levelFor(2000).name).toBe('Gold');
  });

  it('has no next level at the top', () => {
    expect(levelFor(1_000_000)).toEqual({ rank: 4, name: 'Platinum', pointsToNext: null });
  });
});
