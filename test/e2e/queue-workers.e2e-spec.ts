import { setTimeout as sleep } from 'node:timers/promises';

import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';

import { AppModule } from '@app/app.module';
import { AppConfig, loadConfig } from '@app/config/app-config';
import { redisConnectionOptions } from '@app/redis/redis-connection';

const PROBE_QUEUE = 'worker-probe';

/** A job that runs until the test lets it finish. */
@Injectable()
@Processor(PROBE_QUEUE, { autorun: false })
class ProbeProcessor extends WorkerHost {
  started = deferred();
  release = deferred();

  async process(): Promise<string> {
    this.started.resolve();
    await this.release.promise;
    return 'done';
  }
}

@Module({ imports: [BullModule.registerQueue({ name: PROBE_QUEUE })], providers: [ProbeProcessor] })
class ProbeModule {}

/** Process roles and the worker part of a graceful shutdown, on the real Redis through BullMQ. */
describe('QueueWorkers', () => {
  let config: AppConfig;
  let inspector: Queue;

  beforeAll(() => {
    config = loadConfig(process.env);
    inspector = new Queue(PROBE_QUEUE, { connection: redisConnectionOptions(config), prefix: `{${config.redis.keyPrefix}bull}` });
  });
  beforeEach(() => inspector.obliterate({ force: true }));
  afterAll(() => inspector.close());

  it('takes no jobs in the api role', async () => {
    const app = await bootApp({ ...config, role: 'api' });
    try {
      const job = await app.get<Queue>(getQueueToken(PROBE_QUEUE)).add('probe', {});
      await sleep(500);

      expect(app.get(ProbeProcessor).worker.isRunning()).toBe(false);
      expect(await inspector.getJobState(job.id ?? '')).toBe('waiting');
    } finally {
      await app.close();
    }
  });

  it('in the worker role, shutting down waits for the running job to finish', async () => {
    const app = await bootApp({ ...config, role: 'worker' });
    const probe = app.get(ProbeProcessor);
    const job = await app.get<Queue>(getQueueToken(PROBE_QUEUE)).add('probe', {});
    await probe.started.promise;

    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await sleep(500);
    expect(closed).toBe(false);
    probe.release.resolve();
    await closing;

    expect(await inspector.getJobState(job.id ?? '')).toBe('completed');
  });
});

/** The app without an HTTP server: the workers' side is under test. */
async function bootApp(config: AppConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule, ProbeModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();

  return moduleRef.init();
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
