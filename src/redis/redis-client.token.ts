/** The app's request-path Redis client (ioredis Redis or Cluster), provided by RedisModule. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
