/** A module that caches per-user data reloads one user's cached data; returns the keys rewritten. */
export interface UserCachePurger {
  name: string;
  refresh(userId: number): Promise<number>;
}

/**
 * Every module's per-user cache, for the "user" refresh scope.
 * TODO(merge with issue 3): add the profile and order-page caches of src/users and src/orders.
 */
export const USER_CACHE_PURGERS = Symbol('USER_CACHE_PURGERS');
