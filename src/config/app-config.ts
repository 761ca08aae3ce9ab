import { IANAZone } from 'luxon';
import { z } from 'zod';

import { Secret } from './secret';

/**
 * Every setting the service reads, validated once at boot. Nothing outside this folder reads
 * process.env: modules receive the typed AppConfig through dependency injection.
 */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const booleanFlag = z.enum(['true', 'false']).transform((flag) => flag === 'true');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_ROLE: z.enum(['api', 'worker', 'both']).default('both'),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: integer(0, 65535).default(3000),
  HTTP_BODY_LIMIT_BYTES: integer(1024, 10 * 1024 * 1024).default(64 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFlag.default(false),

  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: integer(1, 200).default(20),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(100).default(5000),
  DATABASE_REPLICA_URLS: z.string().optional().transform(splitList).pipe(z.array(z.url({ protocol: /^postgres(ql)?$/ }))),

  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9:_-]+:$/, 'lower-case letters, digits, ":_-", ending with ":"').default('fm:'),
  REDIS_COMMAND_TIMEOUT_MS: integer(50).default(1000),
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform(splitList)
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port'))),

  JWT_SECRET: z.string().min(32, 'at least 32 characters'),
  JWT_TTL_SECONDS: integer(60).default(24 * 3600),
  ADMIN_EMAIL: z.email(),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters'),

  HEALTH_CHECK_TIMEOUT_MS: integer(50, 5000).default(500),
  SHUTDOWN_DRAIN_DELAY_MS: integer(0, 120_000).default(5000),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 600_000).default(30_000),

  BUSINESS_TIME_ZONE: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  SIGN_IN_BUCKETS: integer(1, 1_000_000).default(1024),
  SIGN_IN_CACHE_TTL_SECONDS: integer(60).default(3 * 24 * 3600),
  SIGN_IN_BASE_POINTS: integer(0).default(10),
  SIGN_IN_STREAK_BONUS_POINTS: integer(0).default(5),
  SIGN_IN_STREAK_BONUS_CAP_DAYS: integer(1).default(7),

  QUEUE_LOCK_DURATION_MS: integer(1000).default(30_000),
  QUEUE_STALLED_INTERVAL_MS: integer(500).default(30_000),

  RATE_LIMIT_WINDOW_MS: integer(100).default(1000),
  RATE_LIMIT_PER_USER: integer(1).default(5),
  RATE_LIMIT_PER_IP: integer(1).default(200),

  FLASH_SALE_WORKER_CONCURRENCY: integer(1, 1000).default(100),
  FLASH_SALE_ORDER_BATCH_SIZE: integer(1, 1000).default(100),
  FLASH_SALE_ORDER_BATCH_WAIT_MS: integer(0, 1000).default(5),
  FLASH_SALE_PAY_TIMEOUT_SECONDS: integer(1).default(15 * 60),
  FLASH_SALE_TICKET_TTL_SECONDS: integer(60).default(7 * 24 * 3600),
  QUEUE_PUMP_BATCH_SIZE: integer(1, 5000).default(200),
  QUEUE_PUMP_IDLE_MS: integer(1, 1000).default(20),
  QUEUE_PUMP_SWEEP_MS: integer(100).default(5000),
  RED_PACKET_WORKER_CONCURRENCY: integer(1, 1000).default(50),
  CACHE_TTL_JITTER_PERCENT: integer(0, 50).default(10),
  CACHE_LOCK_TTL_MS: integer(100, 30_000).default(2000),
  CACHE_INVALIDATION_REPEAT_MS: integer(50, 10_000).default(500),
  PROFILE_CACHE_TTL_SECONDS: integer(1, 24 * 3600).default(60),
  PRODUCT_CACHE_TTL_SECONDS: integer(1, 24 * 3600).default(300),
  CATEGORY_PAGE_CACHE_TTL_SECONDS: integer(1, 24 * 3600).default(60),
  CATALOG_ABSENT_CACHE_TTL_SECONDS: integer(1, 3600).default(30),
  ORDER_FIRST_PAGE_CACHE_TTL_SECONDS: integer(1, 24 * 3600).default(300),
  L1_CACHE_MAX_ENTRIES: integer(1, 1_000_000).default(5000),
  L1_CACHE_MAX_BYTES: integer(1024).default(64 * 1024 * 1024),
  L1_CACHE_TTL_MS: integer(100, 60_000).default(5000),
  HOT_CACHE_FRESH_SECONDS: integer(1).default(60),
  HOT_CACHE_STALE_GRACE_SECONDS: integer(1).default(600),
  HOT_CACHE_REBUILD_LOCK_MS: integer(100, 60_000).default(5000),
  HOT_CACHE_COLD_WAIT_MS: integer(0, 10_000).default(1000),
  FRONT_PAGE_FEATURED_LIMIT: integer(1, 100).default(12),
  STATIC_EXPORT_DIR: z.string().min(1).default('./static-export'),
  STATIC_EXPORT_URL_PREFIX: z.string().regex(/^\/[\w/-]*\/$/, 'a path such as /static/').default('/static/'),
  STATIC_MANIFEST_MAX_AGE_SECONDS: integer(0, 3600).default(10),
  CACHE_REFRESH_WAIT_MS: integer(100, 120_000).default(30_000),
}).refine((e) => e.REDIS_CLUSTER_NODES.length === 0 || /^\/?0?$/.test(new URL(e.REDIS_URL).pathname), {
  path: ['REDIS_URL'],
  message: 'a Redis Cluster has only database 0',
});

export type Environment = Record<string, string | undefined>;

// The interface gives the shape, the class below the injection token: one name for both.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  role: 'api' | 'worker' | 'both';
  http: { host: string; port: number; bodyLimitBytes: number };
  log: { level: string; pretty: boolean };
  /** replicaUrls empty: every query goes to `url`. */
  database: { url: Secret; replicaUrls: Secret[]; poolSize: number; statementTimeoutMs: number };
  /** clusterNodes empty: a single Redis at `url`; otherwise a Redis Cluster seeded by these nodes. */
  redis: { url: Secret; clusterNodes: { host: string; port: number }[]; keyPrefix: string; commandTimeoutMs: number };
  auth: { jwtSecret: Secret; tokenTtlSeconds: number; admin: { email: string; password: Secret } };
  health: { timeoutMs: number };
  /** On SIGTERM: readiness says 503 for drainDelayMs, then open requests finish; timeoutMs bounds it all. */
  shutdown: { drainDelayMs: number; timeoutMs: number };
  signIn: {
    timeZone: string;
    buckets: number;
    cacheTtlSeconds: number;
    basePoints: number;
    streakBonusPoints: number;
    streakBonusCapDays: number;
  };
  queue: { lockDurationMs: number; stalledIntervalMs: number; pump: { batchSize: number; idleMs: number; sweepMs: number } };
  rateLimit: { windowMs: number; perUser: number; perIp: number };
  flashSale: {
    workerConcurrency: number;
    orderBatchSize: number;
    orderBatchWaitMs: number;
    payTimeoutSeconds: number;
    ticketTtlSeconds: number;
  };
  redPacket: { workerConcurrency: number };
  cache: { ttlJitterRatio: number; lockTtlMs: number; invalidationRepeatMs: number };
  profile: { cacheTtlSeconds: number };
  catalog: { productTtlSeconds: number; categoryPageTtlSeconds: number; absentTtlSeconds: number };
  orders: { firstPageTtlSeconds: number };
  hotCache: {
    l1: { maxEntries: number; maxBytes: number; ttlMs: number };
    freshSeconds: number;
    staleGraceSeconds: number;
    rebuildLockMs: number;
    coldWaitMs: number;
    refreshWaitMs: number;
  };
  frontPage: { featuredLimit: number };
  staticExport: { dir: string; urlPrefix: string; manifestMaxAgeSeconds: number };
}

/** Injection token and type in one: modules ask for `AppConfig`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class AppConfig {}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function loadConfig(environment: Environment): AppConfig {
  const parsed = environmentSchema.safeParse(emptyAsMissing(environment));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;

  return {
    env: e.NODE_ENV,
    role: e.APP_ROLE,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    database: {
      url: new Secret(e.DATABASE_URL),
      replicaUrls: e.DATABASE_REPLICA_URLS.map((url) => new Secret(url)),
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    redis: {
      url: new Secret(e.REDIS_URL),
      clusterNodes: e.REDIS_CLUSTER_NODES.map(parseHostPort),
      keyPrefix: e.REDIS_KEY_PREFIX,
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    },
    auth: {
      jwtSecret: new Secret(e.JWT_SECRET),
      tokenTtlSeconds: e.JWT_TTL_SECONDS,
      admin: { email: e.ADMIN_EMAIL, password: new Secret(e.ADMIN_PASSWORD) },
    },
    health: { timeoutMs: e.HEALTH_CHECK_TIMEOUT_MS },
    shutdown: { drainDelayMs: e.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    signIn: {
      timeZone: e.BUSINESS_TIME_ZONE,
      buckets: e.SIGN_IN_BUCKETS,
      cacheTtlSeconds: e.SIGN_IN_CACHE_TTL_SECONDS,
      basePoints: e.SIGN_IN_BASE_POINTS,
      streakBonusPoints: e.SIGN_IN_STREAK_BONUS_POINTS,
      streakBonusCapDays: e.SIGN_IN_STREAK_BONUS_CAP_DAYS,
    },
    queue: {
      lockDurationMs: e.QUEUE_LOCK_DURATION_MS,
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
      pump: { batchSize: e.QUEUE_PUMP_BATCH_SIZE, idleMs: e.QUEUE_PUMP_IDLE_MS, sweepMs: e.QUEUE_PUMP_SWEEP_MS },
    },
    rateLimit: { windowMs: e.RATE_LIMIT_WINDOW_MS, perUser: e.RATE_LIMIT_PER_USER, perIp: e.RATE_LIMIT_PER_IP },
    flashSale: {
      workerConcurrency: e.FLASH_SALE_WORKER_CONCURRENCY,
      orderBatchSize: e.FLASH_SALE_ORDER_BATCH_SIZE,
      orderBatchWaitMs: e.FLASH_SALE_ORDER_BATCH_WAIT_MS,
      payTimeoutSeconds: e.FLASH_SALE_PAY_TIMEOUT_SECONDS,
      ticketTtlSeconds: e.FLASH_SALE_TICKET_TTL_SECONDS,
    },
    redPacket: { workerConcurrency: e.RED_PACKET_WORKER_CONCURRENCY },
    cache: {
      ttlJitterRatio: e.CACHE_TTL_JITTER_PERCENT / 100,
      lockTtlMs: e.CACHE_LOCK_TTL_MS,
      invalidationRepeatMs: e.CACHE_INVALIDATION_REPEAT_MS,
    },
    profile: { cacheTtlSeconds: e.PROFILE_CACHE_TTL_SECONDS },
    catalog: {
      productTtlSeconds: e.PRODUCT_CACHE_TTL_SECONDS,
      categoryPageTtlSeconds: e.CATEGORY_PAGE_CACHE_TTL_SECONDS,
      absentTtlSeconds: e.CATALOG_ABSENT_CACHE_TTL_SECONDS,
    },
    orders: { firstPageTtlSeconds: e.ORDER_FIRST_PAGE_CACHE_TTL_SECONDS },
    hotCache: {
      l1: { maxEntries: e.L1_CACHE_MAX_ENTRIES, maxBytes: e.L1_CACHE_MAX_BYTES, ttlMs: e.L1_CACHE_TTL_MS },
      freshSeconds: e.HOT_CACHE_FRESH_SECONDS,
      staleGraceSeconds: e.HOT_CACHE_STALE_GRACE_SECONDS,
      rebuildLockMs: e.HOT_CACHE_REBUILD_LOCK_MS,
      coldWaitMs: e.HOT_CACHE_COLD_WAIT_MS,
      refreshWaitMs: e.CACHE_REFRESH_WAIT_MS,
    },
    frontPage: { featuredLimit: e.FRONT_PAGE_FEATURED_LIMIT },
    staticExport: {
      dir: e.STATIC_EXPORT_DIR,
      urlPrefix: e.STATIC_EXPORT_URL_PREFIX,
      manifestMaxAgeSeconds: e.STATIC_MANIFEST_MAX_AGE_SECONDS,
    },
  };
}

function splitList(list: string | undefined): string[] {
  return (list ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function parseHostPort(node: string): { host: string; port: number } {
  const separator = node.lastIndexOf(':');

  return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
}

/** `FOO=` in a .env file means "not set", so the default applies instead of a confusing error. */
function emptyAsMissing(environment: Environment): Environment {
  return Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
}
