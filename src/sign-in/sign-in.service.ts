import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable, Logger } from '@nestjs/common';

import { Clock } from '@app/common/clock';
import { AppConfig } from '@app/config/app-config';

import { BusinessDayCache, Day, monthBounds, monthOf, previousDay } from './business-day';
import { SignInCache } from './sign-in-cache';
import { nextStreak, pointsForStreak, RewardRules } from './sign-in-rewards';
import { SignInRecord } from './sign-in.types';
import { SignInRepository } from './sign-in.repository';

export interface SignInOutcome {
  signIn: SignInRecord;
  /** True for the one request that stored today's sign-in; false for every repeat. */
  created: boolean;
}

export interface TodayStatus {
  day: Day;
  signedIn: boolean;
  signIn: SignInRecord | null;
  /** Consecutive days up to today (or up to yesterday while today is still open). */
  currentStreak: number;
}

export interface MonthCalendar {
  month: string;
  days: SignInRecord[];
  currentStreak: number;
}

/** How long a duplicate request waits for the claim holder before checking PostgreSQL itself. */
const PENDING_POLLS = 20;
const PENDING_POLL_MS = 25;

@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);
  private readonly businessDays: BusinessDayCache;
  private readonly rewards: RewardRules;

  constructor(
    private readonly cache: SignInCache,
    private readonly repository: SignInRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.businessDays = new BusinessDayCache(config.signIn.timeZone);
    this.rewards = config.signIn;
  }

  today(): Day {
    return this.businessDays.dayOf(this.clock.now());
  }

  /**
   * Redis decides first: one atomic claim per user and day, so a burst of duplicates costs
   * PostgreSQL one write. The database's primary key stays the final guard for every path
   * that bypasses the claim (Redis down, a claim holder that died).
   */
  async signIn(userId: number): Promise<SignInOutcome> {
    const day = this.today();
    const token = randomUUID();

    const claim = await this.cache.claim(userId, day, token).catch((error: unknown) => this.redisFailed(error));
    if (!claim) return this.signInThroughDatabase(userId, day);
    if (claim.kind === 'signed') return { signIn: claim.record, created: false };
    if (claim.kind === 'pending') return this.waitForClaimHolder(userId, day);

    try {
      return await this.signInThroughDatabase(userId, day, claim.streakUpToYesterday);
    } catch (error) {
      await this.cache.release(userId, day, token).catch((releaseError: unknown) => this.redisFailed(releaseError));
      throw error;
    }
  }

  async todayStatus(userId: number): Promise<TodayStatus> {
    const day = this.today();

    const cached = await this.cache.read(userId, day).catch((error: unknown) => this.redisFailed(error));
    if (cached?.kind === 'signed') return signedStatus(cached.record);
    if (cached?.kind === 'not-signed') return notSignedStatus(day, cached.streakUpToYesterday);

    const record = await this.repository.findOn(userId, day);
    if (record) {
      await this.cache.storeSignedIn(userId, record).catch((error: unknown) => this.redisFailed(error));
      return signedStatus(record);
    }
    const streakUpToYesterday = await this.repository.streakOn(userId, previousDay(day));
    await this.cache
      .storeNotSignedIn(userId, day, streakUpToYesterday)
      .catch((error: unknown) => this.redisFailed(error));

    return notSignedStatus(day, streakUpToYesterday);
  }

  /** Reloads the user's cached state of today from PostgreSQL (admin cache refresh); returns the keys rewritten. */
  async refreshCachedToday(userId: number): Promise<number> {
    await this.cache.forget(userId, this.today());
    await this.todayStatus(userId);

    return 1;
  }

  /**
   * The month's sign-ins, from a read replica: read rarely, so not worth a cache of its own.
   * A sign-in only ever writes today's row, so today's record comes from the cache or the primary
   * (todayStatus): the user sees their own sign-in at once even while the replica lags.
   */
  async calendar(userId: number, month?: string): Promise<MonthCalendar> {
    const today = this.today();
    const { first, last } = monthBounds(month ?? monthOf(today));

    const [staleDays, status] = await Promise.all([
      this.repository.findBetweenStale(userId, first, last),
      this.todayStatus(userId),
    ]);
    const days = staleDays.filter((record) => record.day !== status.day);
    if (status.signIn && status.day >= first && status.day <= last) days.push(status.signIn);

    return { month: first.slice(0, 7), days, currentStreak: status.currentStreak };
  }

  private async signInThroughDatabase(userId: number, day: Day, knownStreakUpToYesterday?: number): Promise<SignInOutcome> {
    const streakUpToYesterday = knownStreakUpToYesterday ?? (await this.repository.streakOn(userId, previousDay(day)));
    const streak = nextStreak(streakUpToYesterday);
    const points = pointsForStreak(streak, this.rewards);

    const inserted = await this.repository.insertOnce(userId, day, streak, points);
    const outcome = inserted
      ? { signIn: inserted, created: true }
      : { signIn: await this.existingSignIn(userId, day), created: false };

    await this.cache.storeSignedIn(userId, outcome.signIn).catch((error: unknown) => this.redisFailed(error));

    return outcome;
  }

  /** Another request holds the claim: its record usually lands in Redis within milliseconds. */
  private async waitForClaimHolder(userId: number, day: Day): Promise<SignInOutcome> {
    for (let poll = 0; poll < PENDING_POLLS; poll++) {
      await sleep(PENDING_POLL_MS);
      const cached = await this.cache.read(userId, day).catch((error: unknown) => this.redisFailed(error));
      if (cached?.kind === 'signed') return { signIn: cached.record, created: false };
      if (!cached || cached.kind === 'not-signed') break;
    }

    // The holder died or is slow: PostgreSQL's primary key decides, idempotently.
    return this.signInThroughDatabase(userId, day);
  }

  private async existingSignIn(userId: number, day: Day): Promise<SignInRecord> {
    const record = await this.repository.findOn(userId, day);
    if (!record) throw new Error(`sign-in of user ${userId} on ${day} conflicted but cannot be read`);

    return record;
  }

  /** Redis trouble degrades to PostgreSQL instead of failing the request. */
  private redisFailed(error: unknown): undefined {
    this.logger.warn(`Redis unavailable, using PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);

    return undefined;
  }
}

function signedStatus(record: SignInRecord): TodayStatus {
  return { day: record.day, signedIn: true, signIn: record, currentStreak: record.streak };
}

function notSignedStatus(day: Day, streakUpToYesterday: number): TodayStatus {
  return { day, signedIn: false, signIn: null, currentStreak: streakUpToYesterday };
}
