import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from '@app/app.factory';
import { AppModule } from '@app/app.module';
import { Clock } from '@app/common/clock';
import { AppConfig, loadConfig } from '@app/config/app-config';
import { REDIS_CLIENT } from '@app/redis/redis.module';

import { resetDatabase, resetRedis } from './cleanup';
import { FakeClock } from './fake-clock';
import { TcpProxy } from './tcp-proxy';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL of the app listening on a loopback port, for supertest and concurrent storms. */
  url: string;
  config: AppConfig;
  db: DataSource;
  redis: Redis;
  clock: FakeClock;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule on Fastify against the real PostgreSQL and Redis, listening on a free
 * loopback port. `env` overrides settings for this instance only (e.g. a Redis URL that is down).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...env });
  const clock = new FakeClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();

  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), NEST_APP_OPTIONS);
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('test app is not listening');

  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    db: app.get<DataSource>(getDataSourceToken()),
    redis: app.get<Redis>(REDIS_CLIENT),
    clock,
    close: () => app.close(),
  };
}

/**
 * Registers the usual lifecycle for an e2e file: one app for the file, a clean database and clean
 * Redis keys before each test, closed at the end. The returned object is filled in by beforeAll.
 */
export function useTestApp(env: Record<string, string> = {}, { resetBetweenTests = true } = {}): TestApp {
  const handle = {} as TestApp;
  beforeAll(async () => {
    Object.assign(handle, await startTestApp(env));
  });
  if (resetBetweenTests) {
    beforeEach(async () => {
      await resetDatabase(handle.db);
      await resetRedis(handle.redis, handle.config.redis.keyPrefix);
    });
  }
  afterAll(async () => {
    await handle.close?.();
  });

  return handle;
}

/**
 * Boots the app with PostgreSQL and/or Redis reached through the given proxies (started here),
 * so stopping a proxy takes that dependency away from this app instance only.
 */
export async function startTestAppThrough(proxies: { database?: TcpProxy; redis?: TcpProxy }): Promise<TestApp> {
  const env: Record<string, string> = {};
  for (const [name, proxy, url] of [
    ['DATABASE_URL', proxies.database, process.env.DATABASE_URL],
    ['REDIS_URL', proxies.redis, process.env.REDIS_URL],
  ] as const) {
    if (!proxy) continue;
    await proxy.start();
    const target = new URL(url ?? '');
    target.port = String(proxy.port);
    env[name] = target.toString();
  }

  return startTestApp(env);
}
