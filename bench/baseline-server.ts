/**
 * The benchmark's yardstick: a bare Fastify server on the same machine doing the same Redis work
 * as the service's route, with nothing else (no Nest, no auth, no logging, no rate limits).
 * The flash-sale and red-packet routes run the service's own Lua scripts on a sale and a packet of
 * their own. Started as a child process by bench/run.ts; prints "ready <port>" when listening.
 */
import { randomUUID } from 'node:crypto';

import Fastify from 'fastify';
import Redis from 'ioredis';

import { ATTEMPT_SCRIPT } from '../src/promotions/flash-sales/flash-sale-store';
import { GRAB_SCRIPT } from '../src/promotions/red-packets/red-packet-store';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/10');
const prefix = 'fmbench:baseline:';
const users = Number(process.env.BASELINE_USERS ?? 1000);
const app = Fastify({ logger: false });

redis.defineCommand('attempt', { numberOfKeys: 5, lua: ATTEMPT_SCRIPT });
redis.defineCommand('grab', { numberOfKeys: 4, lua: GRAB_SCRIPT });
const scripts = redis as unknown as {
  attempt(...args: (string | number)[]): Promise<string>;
  grab(...args: (string | number)[]): Promise<[string, number]>;
};
const sale = (...rest: string[]) => [prefix + 'fs:{1}', ...rest].join(':');
const packet = (...rest: string[]) => [prefix + 'rp:{1}', ...rest].join(':');
let nextUser = 0;
const someUser = () => (nextUser++ % users) + 1;

app.get('/hello', () => ({ status: 'ok' }));

/** The same stored JSON the service answers with (copied from it by the harness). */
app.get<{ Params: { name: string } }>('/redis-get/:name', async (request, reply) => {
  const body = await redis.get(prefix + request.params.name);
  return reply.type('application/json').send(body);
});

app.get('/redis-hget', async () => JSON.parse((await redis.hget(prefix + 'hash', '1')) ?? 'null') as unknown);

app.post('/redis-eval', async () => {
  const [, value] = (await redis.eval(
    `local v = redis.call('HGET', KEYS[1], ARGV[1]) if v then return {0, v} end return {1, ''}`,
    1,
    prefix + 'hash',
    '1',
  )) as [number, string];
  return { signIn: JSON.parse(value || 'null') as unknown, created: false };
});

app.post('/flash-attempt', async (_request, reply) => {
  const ticketId = randomUUID();
  const outcome = await scripts.attempt(sale(), sale('buyers'), sale('pending'), sale('intake'), sale('ticket', ticketId), someUser(), ticketId, Date.now(), 3600);
  if (outcome === 'accepted') return reply.status(202).send({ ticketId, status: 'pending' });
  return reply.status(409).send({ statusCode: 409, error: outcome.toUpperCase(), message: outcome });
});

app.post('/red-packet-grab', async (_request, reply) => {
  const [outcome, amountCents] = await scripts.grab(packet(), packet('shares'), packet('grabbed'), packet('intake'), someUser(), Date.now());
  if (outcome === 'grabbed') return { amountCents };
  return reply.status(409).send({ statusCode: 409, error: outcome.toUpperCase(), message: outcome, details: { amountCents } });
});

async function main(): Promise<void> {
  const record = JSON.stringify({ day: '2026-12-03', points: 10, streak: 1, signedInAt: new Date().toISOString() });
  await redis.hset(prefix + 'hash', '1', record);
  await redis.hset(sale(), 'state', 'live', 'stock', 100_000_000, 'starts', 0, 'ends', Date.now() + 3600_000, 'limit', 1_000_000);
  await redis.hset(packet(), 'state', 'live', 'expires', Date.now() + 3600_000);
  await redis.rpush(packet('shares'), ...Array.from({ length: 10_000 }, () => 100));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${new URL(address).port}\n`);
}

process.on('SIGTERM', () => {
  void app.close().then(() => redis.quit()).then(() => process.exit(0));
});

void main();
