import { Injectable } from '@nestjs/common';

import { CacheFirst, UsesReadThroughCache } from '@app/cache/cache-first.decorator';
import { ReadThroughCache } from '@app/cache/read-through-cache';
import { SignInService, TodayStatus } from '@app/sign-in/sign-in.service';

import { PROFILE_CACHE } from './profile-cache-policy';
import { ProfileRepository } from './profile.repository';
import { Profile, ProfileChanges, ProfileCore } from './profile.types';
import { levelFor } from './user-level';
import { UserErrors } from './users.errors';

/**
 * The user center. The account part is cache-first per user; the sign-in summary comes from the
 * sign-in module's own cache. Both are read at once, so a warm profile costs one Redis round trip
 * of latency (two commands in flight together).
 */
@Injectable()
export class ProfileService implements UsesReadThroughCache {
  constructor(
    readonly readThroughCache: ReadThroughCache,
    private readonly repository: ProfileRepository,
    private readonly signIns: SignInService,
  ) {}

  async profile(userId: number): Promise<Profile> {
    const [cached, signIn] = await Promise.all([this.loadCore(userId), this.signIns.todayStatus(userId)]);
    let core = cached;
    // Signing in credits points without passing through here: a cached balance from before today's
    // sign-in is refreshed rather than shown next to a "signed in" summary.
    if (core && signIn.signedIn && core.lastSignInDay !== signIn.day) {
      await this.invalidate(userId);
      core = await this.loadCore(userId);
    }
    if (!core) throw UserErrors.accountNotFound();

    return toProfile(core, signIn);
  }

  async update(userId: number, changes: ProfileChanges): Promise<Profile> {
    const found = await this.repository.update(userId, changes);
    if (!found) throw UserErrors.accountNotFound();
    await this.invalidate(userId);

    return this.profile(userId);
  }

  /** For writers of profile data outside this service (e.g. wallet credits); call after the commit. */
  invalidate(userId: number): Promise<void> {
    return this.readThroughCache.invalidate(PROFILE_CACHE, userId);
  }

  @CacheFirst(PROFILE_CACHE)
  private async loadCore(userId: number): Promise<ProfileCore | null> {
    return (await this.repository.findCore(userId)) ?? null;
  }
}

function toProfile({ lastSignInDay: _lastSignInDay, ...core }: ProfileCore, signIn: TodayStatus): Profile {
  return { ...core, level: levelFor(core.pointsBalance), signIn };
}
