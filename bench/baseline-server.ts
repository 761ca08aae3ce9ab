/**
 * The benchmark's yardstick: a bare Fastify server on the same machine doing the same Redis work
 * as the service's route, with nothing else (no Nest, no auth, no logging, no validation).
 * Started as a child process by bench/run.ts; prints "ready <port>" when listening.
 */
import Fastify from 'fastify';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/10', { enableOfflineQueue: true });
const key = process.env.BASELINE_KEY ?? 'fmbench:baseline';
const app = Fastify({ logger: false });

// The same shape of answer the service gives, so the bytes on the wire are comparable.
const CLAIM_LUA = `local v = redis.call('HGET', KEYS[1], ARGV[1]) if v then return {0, v} end return {1, ''}`;

app.get('/hello', () => ({ status: 'ok' }));
app.get('/redis-get', async () => JSON.parse((await redis.get(key)) ?? 'null') as unknown);
app.get('/redis-hget', async () => JSON.parse((await redis.hget(key + ':hash', '1')) ?? 'null') as unknown);
app.post('/redis-eval', async () => {
  const [, value] = (await redis.eval(CLAIM_LUA, 1, key + ':hash', '1')) as [number, string];
  return { signIn: JSON.parse(value || 'null') as unknown, created: false };
});

async function main(): Promise<void> {
  const record = JSON.stringify({ day: '2026-12-03', points: 10, streak: 1, signedInAt: new Date().toISOString() });
  await redis.set(key, record);
  await redis.hset(key + ':hash', '1', record);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${new URL(address).port}\n`);
}

process.on('SIGTERM', () => {
  void app.close().then(() => redis.quit()).then(() => process.exit(0));
});

void main();
