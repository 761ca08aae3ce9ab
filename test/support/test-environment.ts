import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The e2e tests' settings: their own PostgreSQL database and Redis database and key prefix, so a
 * test run never touches the development data. TEST_DATABASE_NAME and TEST_REDIS_DB let parallel
 * runs (two checkouts on one machine) stay apart.
 */
export const testDatabaseName = process.env.TEST_DATABASE_NAME ?? 'flashmart_test';
const redisDatabase = process.env.TEST_REDIS_DB ?? '15';

const testDefaults: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${testDatabaseName}`,
  REDIS_URL: `redis://127.0.0.1:6379/${redisDatabase}`,
  REDIS_KEY_PREFIX: 'fmtest:',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  ADMIN_EMAIL: 'admin@test.local',
  ADMIN_PASSWORD: 'admin-test-password',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  DATABASE_POOL_SIZE: '20',
  STATIC_EXPORT_DIR: join(tmpdir(), `${testDatabaseName}-static`),
};

for (const [name, value] of Object.entries(testDefaults)) {
  // The test settings win over a developer's .env, which the app would otherwise load.
  process.env[name] = value;
}
