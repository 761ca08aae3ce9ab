/** A module that caches per-user data reloads one user's cached data; returns the keys rewritten. */
export interface UserCachePurger {
  name: string;
  refresh(userId: number): Promise<number>;
}

/** Every module's per-user cache, for the "user" refresh scope (wired in admin-cache.module.ts). */
export const USER_CACHE_PURGERS = Symbol('USER_CACHE_PURGERS');
