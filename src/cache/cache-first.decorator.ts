import { CachePolicy } from './cache-policy';
import { ReadThroughCache } from './read-through-cache';

/** A class whose methods use @CacheFirst holds the engine under this name. */
export interface UsesReadThroughCache {
  readonly readThroughCache: ReadThroughCache;
}

/**
 * Makes an async method cache-first: the policy names the key (from the method's arguments) and
 * the time to live; the method body becomes the loader that runs on a miss. A method decorator,
 * not a Nest interceptor: it costs one function call on a hit, not an RxJS pipeline per request.
 *
 *   @CacheFirst(PROFILE_CACHE)
 *   loadProfile(userId: number): Promise<Profile | null> { ...database read... }
 */
export function CacheFirst<Args extends unknown[], Value>(policy: CachePolicy<Args>) {
  return (
    _target: UsesReadThroughCache,
    _method: string,
    descriptor: TypedPropertyDescriptor<(...args: Args) => Promise<Value>>,
  ): void => {
    const load = descriptor.value;
    if (!load) throw new Error(`@CacheFirst(${policy.name}) needs a method`);

    descriptor.value = function cacheFirst(this: UsesReadThroughCache, ...args: Args): Promise<Value> {
      return this.readThroughCache.read(policy, args, () => load.apply(this, args));
    };
  };
}
