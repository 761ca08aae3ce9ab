export interface RewardRules {
  basePoints: number;
  streakBonusPoints: number;
  /** The bonus stops growing after this many consecutive days. */
  streakBonusCapDays: number;
}

/** Day 1 of a streak earns the base; each further consecutive day adds a bonus, up to the cap. */
export function pointsForStreak(streak: number, rules: RewardRules): number {
  const bonusDays = Math.min(streak, rules.streakBonusCapDays) - 1;

  return rules.basePoints + rules.streakBonusPoints * Math.max(bonusDays, 0);
}

/** Signing in today continues yesterday's streak, or starts a new one. */
export function nextStreak(streakUpToYesterday: number): number {
  return streakUpToYesterday + 1;
}
