import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';

import { AppModule } from '@app/app.module';
import { AppConfig, loadConfig } from '@app/config/app-config';
import { createRedisClient, RedisClient } from '@app/redis/redis-connection';
import { RedisKeys } from '@app/redis/redis-keys';

const QUEUE = 'cluster-probe';

@Injectable()
@Processor(QUEUE, { autorun: false, concurrency: 8 })
class EchoProcessor extends WorkerHost {
  process(job: Job<{ n: number }>): Promise<number> {
    return Promise.resolve(job.data.n * 2);
  }
}

@Module({ imports: [BullModule.registerQueue({ name: QUEUE })], providers: [EchoProcessor] })
class EchoModule {}

/**
 * Multi-key work on the Redis Cluster. BullMQ through the app's own QueueModule (shared Cluster
 * client, hash-tag prefix): an app context in the worker role, in this test process, processes
 * jobs end to end. And the hash-tag rule that the app's own multi-key scripts follow.
 */
describe('Multi-key scripts on the Redis Cluster', () => {
  let config: AppConfig;
  let app: INestApplicationContext;

  beforeAll(async () => {
    config = loadConfig({ ...process.env, APP_ROLE: 'worker' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule, EchoModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    app = await moduleRef.init();
  });
  afterAll(() => app.close());

  it('runs 50 jobs to completion, on queue keys that share the hash tag of the prefix', async () => {
    const queue = app.get<Queue>(getQueueToken(QUEUE));
    await queue.obliterate({ force: true });

    const jobs = await queue.addBulk(Array.from({ length: 50 }, (_, n) => ({ name: 'echo', data: { n } })));
    await waitUntil(async () => (await queue.getJobCounts('completed')).completed === 50);

    const finished = await Promise.all(jobs.map((job) => queue.getJob(job.id ?? '')));
    expect(finished.map((job) => job?.returnvalue)).toEqual(Array.from({ length: 50 }, (_, n) => n * 2));
    expect(queue.opts.prefix).toBe(`{${config.redis.keyPrefix}bull}`);
  }, 60_000);

  it('runs a two-key script on keys of one hash tag, and Redis refuses it across slots', async () => {
    const redis: RedisClient = createRedisClient(config, {});
    const keys = new RedisKeys(config);
    const script = "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]); return redis.call('GET', KEYS[2])";
    try {
      expect(await redis.eval(script, 2, keys.tagged('probe:1', 'a'), keys.tagged('probe:1', 'b'), 'same slot')).toBe('same slot');

      await expect(redis.eval(script, 2, keys.key('probe', 'a'), keys.key('probe', 'b'), 'x')).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await redis.quit();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
