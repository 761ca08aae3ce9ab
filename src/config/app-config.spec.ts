import { inspect } from 'node:util';

import { ConfigError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/flashmart',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'x'.repeat(32),
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'long-enough',
};

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills defaults and types every value', () => {
    const config = loadConfig(valid);

    expect(config.http.port).toBe(3000);
    expect(config.signIn).toMatchObject({ timeZone: 'Asia/Shanghai', buckets: 1024 });
    expect(config.role).toBe('both');
  });

  it('defaults to one Redis and no read replicas, and parses the lists that scale out', () => {
    expect(loadConfig(valid).redis.clusterNodes).toEqual([]);
    expect(loadConfig(valid).database.replicaUrls).toEqual([]);

    const scaled = loadConfig({
      ...valid,
      REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-2:7001',
      DATABASE_REPLICA_URLS: 'postgres://app@replica-1/flashmart,postgres://app@replica-2/flashmart',
    });

    expect(scaled.redis.clusterNodes).toEqual([{ host: '10.0.0.1', port: 7000 }, { host: 'redis-2', port: 7001 }]);
    expect(scaled.database.replicaUrls.map((url) => url.reveal())).toEqual([
      'postgres://app@replica-1/flashmart',
      'postgres://app@replica-2/flashmart',
    ]);
  });

  it('refuses a cluster node without a port, and a Redis database other than 0 in cluster mode', () => {
    expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: 'redis-1' })[0]).toMatch(/^REDIS_CLUSTER_NODES/);
    expect(problemsOf({ ...valid, REDIS_CLUSTER_NODES: 'redis-1:7000', REDIS_URL: 'redis://redis-1:7000/3' })).toEqual([
      'REDIS_URL: a Redis Cluster has only database 0',
    ]);
  });

  it('names every missing or malformed variable at once', () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: '', HTTP_PORT: 'eighty', JWT_SECRET: 'short', SIGN_IN_BUCKETS: '0' });

    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(
      ['DATABASE_URL', 'HTTP_PORT', 'JWT_SECRET', 'SIGN_IN_BUCKETS'].sort(),
    );
  });

  it('fills the hot cache and static export defaults, and refuses a URL prefix that is not a path', () => {
    const config = loadConfig(valid);

    expect(config.hotCache.l1).toEqual({ maxEntries: 5000, maxBytes: 64 * 1024 * 1024, ttlMs: 5000 });
    expect(config.staticExport).toEqual({ dir: './static-export', urlPrefix: '/static/', manifestMaxAgeSeconds: 10 });
    expect(problemsOf({ ...valid, STATIC_EXPORT_URL_PREFIX: 'static', L1_CACHE_TTL_MS: '0' }).map((problem) => problem.split(':')[0])).toEqual([
      'L1_CACHE_TTL_MS',
      'STATIC_EXPORT_URL_PREFIX',
    ]);
  });

  it('refuses a time zone that does not exist', () => {
    expect(problemsOf({ ...valid, BUSINESS_TIME_ZONE: 'Mars/Olympus' })).toEqual([
      expect.stringContaining('BUSINESS_TIME_ZONE'),
    ]);
  });

  it('refuses a Redis key prefix without the trailing colon', () => {
    expect(problemsOf({ ...valid, REDIS_KEY_PREFIX: 'fm' })).toEqual([expect.stringContaining('REDIS_KEY_PREFIX')]);
  });

  it('never prints secrets when the config is logged or serialised', () => {
    const config = loadConfig(valid);
    const printed = `${inspect(config, { depth: 5 })} ${JSON.stringify(config)}`;

    expect(printed).not.toContain(valid.JWT_SECRET);
    expect(printed).not.toContain(valid.ADMIN_PASSWORD);
    expect(config.auth.jwtSecret.reveal()).toBe(valid.JWT_SECRET);
  });
});
