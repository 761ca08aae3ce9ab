/**
 * What the cache layer costs on a hot read, beside bare routes, on this machine:
 *
 *   constant         raw Fastify route answering a constant (the floor of the stack)
 *   cache-read       raw Fastify route doing ReadThroughCache.read of one product (the cache layer alone)
 *   raw-redis-read   raw Fastify route doing a bare ioredis GET + JSON.parse of the same cached value
 *                    (what the cache-manager/Keyv/ioredis-yet stack adds on top of Redis itself)
 *   database-read    raw Fastify route reading the product from PostgreSQL every time
 *   nest-live        GET /health/live through Nest (router, guard, filters; no cache)
 *   nest-product     GET /v1/products/:id through Nest: guard, zod param pipe, @CacheFirst hit
 *   nest-orders      GET /v1/orders through Nest: JWT check, zod query pipe, a cached page of 40 orders
 *   nest-me          GET /v1/me through Nest: JWT check, cached profile and sign-in summary
 *
 * It also times the zod validation of the hot routes' inputs per call, and counts the Redis commands one warm GET /v1/products/:id and one warm GET /v1/orders send.
 * Settings come from the environment like the app's (point it at a scratch database and Redis db):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/flashmart_bench REDIS_URL=redis://127.0.0.1:6379/12 \
 *     LOG_LEVEL=silent npx ts-node -r tsconfig-paths/register scripts/bench-cache.ts [seconds] [connections]
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ZodType } from 'zod';

import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from '@app/app.factory';
import { AppModule } from '@app/app.module';
import { AuthService } from '@app/auth/auth.service';
import { ReadThroughCache } from '@app/cache/read-through-cache';
import { PRODUCT_CACHE } from '@app/catalog/catalog-cache-policies';
import { seedCatalog } from '@app/catalog/catalog-demo-data';
import { ProductParamsDto } from '@app/catalog/catalog.dto';
import { CatalogRepository } from '@app/catalog/catalog.repository';
import { loadConfigFromProcess } from '@app/config/config.module';
import { OrderListQueryDto, PlaceOrderDto } from '@app/orders/orders.dto';
import { REDIS_CLIENT } from '@app/redis/redis.module';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 8);
  const connections = Number(process.argv[3] ?? 50);
  const config = loadConfigFromProcess();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), NEST_APP_OPTIONS);
  configureApp(app);
  const db = app.get<DataSource>(getDataSourceToken());
  await db.runMigrations({ transaction: 'each' });
  await seedCatalog(db, 1000);
  const [{ id: productId }]: { id: number }[] = await db.query('SELECT min(id) AS id FROM products');

  const cache = app.get(ReadThroughCache);
  const catalog = app.get(CatalogRepository);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/bench/constant', () => Promise.resolve({ ok: true }));
  fastify.get('/bench/cache-read', () =>
    cache.read(PRODUCT_CACHE, [productId], async () => (await catalog.findProduct(productId)) ?? null),
  );
  fastify.get('/bench/database-read', () => catalog.findProduct(productId));
  const redis = app.get<Redis>(REDIS_CLIENT);
  const productKey = cache.redisKey(PRODUCT_CACHE, productId);
  fastify.get('/bench/raw-redis-read', async () => {
    const stored = await redis.get(productKey);
    return stored === null ? null : (JSON.parse(JSON.parse(stored) as string) as { value: unknown }).value;
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  const base = `http://127.0.0.1:${address.port}`;

  const [user]: { id: number; email: string }[] = await db.query(
    `INSERT INTO users (email, password_hash, display_name) VALUES ('bench-' || gen_random_uuid() || '@bench.local', 'x', 'Bench')
     RETURNING id, email`,
  );
  await db.query(
    `WITH placed AS (
       INSERT INTO orders (user_id, total_cents) SELECT $1, 2500 FROM generate_series(1, 45) RETURNING id
     )
     INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_cents)
     SELECT placed.id, line, $2, line, 1250 FROM placed, generate_series(1, 2) AS line`,
    [user.id, productId],
  );
  const token = app.get(AuthService).issueToken({ ...user, role: 'user', displayName: 'Bench' }).accessToken;

  const commandsPer = async (path: string, headers: Record<string, string> = {}): Promise<number> => {
    await fetch(base + path, { headers }); // warm
    let commands = 0;
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
      commands++;
      return send(...args);
    };
    for (let i = 0; i < 100; i++) await fetch(base + path, { headers });
    redis.sendCommand = send;
    return commands / 100;
  };
  const auth = { authorization: `Bearer ${token}` };
  process.stdout.write(`Redis commands per warm GET /v1/products/:id: ${await commandsPer(`/v1/products/${productId}`)}\n`);
  process.stdout.write(`Redis commands per warm GET /v1/orders: ${await commandsPer('/v1/orders', auth)}\n`);
  process.stdout.write(`Redis commands per warm GET /v1/me (profile + sign-in summary, sent together): ${await commandsPer('/v1/me', auth)}\n\n`);

  timeValidation('product id param', ProductParamsDto.schema, { id: String(productId) });
  timeValidation('order list query', OrderListQueryDto.schema, { page: '2', pageSize: '20' });
  timeValidation('place-order body (3 lines)', PlaceOrderDto.schema, {
    lines: [1, 2, 3].map((id) => ({ productId: id, quantity: 2 })),
  });
  process.stdout.write('\n');

  const routes: [string, string, string[]?][] = [
    ['constant', '/bench/constant'],

    ['cache-read', '/bench/cache-read'],
    ['raw-redis-read', '/bench/raw-redis-read'],
    ['database-read', '/bench/database-read'],
    ['nest-live', '/health/live'],
    ['nest-product', `/v1/products/${productId}`],
    ['nest-orders', '/v1/orders', ['-H', `authorization=Bearer ${token}`]],
    ['nest-me', '/v1/me', ['-H', `authorization=Bearer ${token}`]],
  ];
  process.stdout.write(`${seconds} s per route, ${connections} connections\n`);
  process.stdout.write('route           req/s    p50 ms  p99 ms  non-2xx\n');
  for (const [name, path, extra = []] of routes) {
    // Asynchronous: the app answering the load runs in this very process.
    const run = await promisify(execFile)(
      'npx',
      ['autocannon', '--json', '-c', String(connections), '-d', String(seconds), ...extra, base + path],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(run.stdout) as AutocannonResult;
    process.stdout.write(
      `${name.padEnd(14)} ${String(Math.round(result.requests.average)).padStart(6)}  ${String(result.latency.p50).padStart(7)} ${String(result.latency.p99).padStart(7)}  ${result.non2xx + result.errors}\n`,
    );
  }

  await app.close();
}

function timeValidation(name: string, schema: ZodType, input: unknown): void {
  const runs = 200_000;
  for (let i = 0; i < 10_000; i++) schema.parse(input);
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) schema.parse(input);
  const nanoseconds = Number(process.hrtime.bigint() - started) / runs;
  process.stdout.write(`zod validation of the ${name}: ${(nanoseconds / 1000).toFixed(2)} µs per request\n`);
}

void main();
