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
