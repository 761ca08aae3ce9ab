import { CachePolicy, userKey } from '@app/cache/cache-policy';

/** The account part of a user's profile, per user. */
export const PROFILE_CACHE: CachePolicy<[userId: number]> = {
  name: 'profile',
  key: (userId) => userKey(userId),
  ttlSeconds: (config) => config.profile.cacheTtlSeconds,
};

