export interface UserLevel {
  rank: number;
  name: string;
  /** Points still missing for the next level; null at the top. */
  pointsToNext: number | null;
}

/** Points needed for each level, lowest first. */
const LEVELS = [
  { name: 'Bronze', minPoints: 0 },
  { name: 'Silver', minPoints: 500 },
  { name: 'Gold', minPoints: 2_000 },
  { name: 'Platinum', minPoints: 10_000 },
] as const;

/** The level follows from the points balance, so it never disagrees with it (no column to keep in step). */
export function levelFor(points: number): UserLevel {
  const index = LEVELS.findLastIndex((level) => points >= level.minPoints);
  const next = LEVELS[index + 1];

  return { rank: index + 1, name: LEVELS[index].name, pointsToNext: next ? next.minPoints - points : null };
}
