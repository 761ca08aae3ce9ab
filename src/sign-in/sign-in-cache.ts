import { Inject, Injectable } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';
import { RedisClient } from '@app/redis/redis-connection';
import { RedisKeys } from '@app/redis/redis-keys';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { Day } from './business-day';
import { SignInRecord } from './sign-in.types';

/**
 * Today's sign-in state of every user, spread over many small Redis hashes: one hash per
 * (business day, bucket), bucket = user id mod SIGN_IN_BUCKETS, field = user id. A day's hashes
 * stop being written when the day ends and expire a few days later, so no key grows without bound.
 *
 * A field holds one of:
 *   '{...}'       the stored sign-in (JSON of SignInRecord)
 *   'n:<streak>'  not signed in today; <streak> is the streak up to yesterday
 *   'p:<token>'   a request holds the claim and is writing to PostgreSQL right now
 */
export type CachedSignIn =
  | { kind: 'signed'; record: SignInRecord }
  | { kind: 'not-signed'; streakUpToYesterday: number }
  | { kind: 'pending' };

export type ClaimOutcome =
  | { kind: 'claimed'; streakUpToYesterday?: number }
  | { kind: 'signed'; record: SignInRecord }
  | { kind: 'pending' };

const NOT_SIGNED = 'n:';
const PENDING = 'p:';

/**
 * Atomically takes the right to write today's sign-in: only when the field is absent or says
 * "not signed in". Returns [1, previous value] to the one winner and [0, current value] to others.
 */
const CLAIM_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.sub(current, 1, 2) ~= '${NOT_SIGNED}' then
  return {0, current}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, current or ''}
`;

/** Drops a claim only if it is still ours, so a slow loser never erases the winner's record. */
const RELEASE_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
`;

/** Fills a field from PostgreSQL unless a request already claimed or wrote it. */
const FILL_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.sub(current, 1, 2) ~= '${NOT_SIGNED}' and string.sub(ARGV[2], 1, 1) ~= '{' then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

interface SignInScripts {
  signInClaim(key: string, field: string, token: string, ttlSeconds: number): Promise<[number, string]>;
  signInRelease(key: string, field: string, token: string): Promise<number>;
  signInFill(key: string, field: string, value: string, ttlSeconds: number): Promise<number>;
}

@Injectable()
export class SignInCache {
  private readonly scripts: SignInScripts;
  private readonly buckets: number;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    config: AppConfig,
  ) {
    this.buckets = config.signIn.buckets;
    this.ttlSeconds = config.signIn.cacheTtlSeconds;
    // ioredis runs these by EVALSHA and reloads them after a Redis restart (NOSCRIPT).
    redis.defineCommand('signInClaim', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
    redis.defineCommand('signInRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    redis.defineCommand('signInFill', { numberOfKeys: 1, lua: FILL_SCRIPT });
    this.scripts = redis as unknown as SignInScripts;
  }

  /** The hash that holds `userId`'s state for `day`. */
  bucketKey(userId: number, day: Day): string {
    return this.keys.key('signin', day, bucketOf(userId, this.buckets));
  }

  async read(userId: number, day: Day): Promise<CachedSignIn | undefined> {
    const value = await this.redis.hget(this.bucketKey(userId, day), String(userId));

    return value === null ? undefined : decode(value);
  }

  async claim(userId: number, day: Day, token: string): Promise<ClaimOutcome> {
    const [won, value] = await this.scripts.signInClaim(
      this.bucketKey(userId, day),
      String(userId),
      PENDING + token,
      this.ttlSeconds,
    );
    if (won === 1) {
      const previous = value ? decode(value) : undefined;
      return { kind: 'claimed', streakUpToYesterday: previous?.kind === 'not-signed' ? previous.streakUpToYesterday : undefined };
    }
    const current = decode(value);

    return current.kind === 'signed' ? current : { kind: 'pending' };
  }

  async release(userId: number, day: Day, token: string): Promise<void> {
    await this.scripts.signInRelease(this.bucketKey(userId, day), String(userId), PENDING + token);
  }

  /**
   * Drops the user's field for `day` (admin cache refresh). Even a pending claim may go: its
   * holder's write still lands, and PostgreSQL's primary key keeps a second claimer from storing twice.
   */
  async forget(userId: number, day: Day): Promise<void> {
    await this.redis.hdel(this.bucketKey(userId, day), String(userId));
  }

  async storeSignedIn(userId: number, record: SignInRecord): Promise<void> {
    await this.scripts.signInFill(this.bucketKey(userId, record.day), String(userId), JSON.stringify(record), this.ttlSeconds);
  }

  async storeNotSignedIn(userId: number, day: Day, streakUpToYesterday: number): Promise<void> {
    await this.scripts.signInFill(this.bucketKey(userId, day), String(userId), NOT_SIGNED + streakUpToYesterday, this.ttlSeconds);
  }
}

export function bucketOf(userId: number, buckets: number): number {
  return userId % buckets;
}

function decode(value: string): CachedSignIn {
  if (value.startsWith(NOT_SIGNED)) {
    return { kind: 'not-signed', streakUpToYesterday: Number(value.slice(NOT_SIGNED.length)) };
  }
  if (value.startsWith(PENDING)) return { kind: 'pending' };

  return { kind: 'signed', record: JSON.parse(value) as SignInRecord };
}
