import { setTimeout as sleep } from 'node:timers/promises';

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';

import { AppConfig } from '@app/config/app-config';
import { REDIS_CLIENT } from '@app/redis/redis.module';

export interface PumpedJob {
  name: string;
  data: object;
  /** Deterministic (derived from the entry), so that adding the same entry twice makes one job. */
  jobId: string;
}

/** A family of Redis intake lists (one per sale, one per packet) that feed one BullMQ queue. */
export interface PumpSource {
  name: string;
  queue: Queue;
  /** A Redis set of the ids whose intake lists may hold entries. */
  registryKey: string;
  intakeKey(id: string): string;
  /** Entries taken from the intake but not yet known to be in BullMQ. Same hash tag as the intake. */
  inFlightKey(id: string): string;
  toJob(id: string, entry: string): PumpedJob;
  /** True when `id` can get no new entries, so it may leave the registry once its lists are empty. */
  isRetired(id: string): Promise<boolean>;
}

interface PumpScripts {
  pumpTake(intake: string, inFlight: string, count: number): Promise<string[]>;
  pumpRelease(inFlight: string, ...entries: string[]): Promise<number>;
}

/** Moves up to ARGV[1] entries from the intake to the in-flight list in one step (LMOVE keeps each). */
const TAKE_SCRIPT = `
local taken = {}
for i = 1, tonumber(ARGV[1]) do
  local entry = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not entry then break end
  taken[i] = entry
end
return taken
`;

const RELEASE_SCRIPT = `
for i = 1, #ARGV do redis.call('LREM', KEYS[1], 1, ARGV[i]) end
return #ARGV
`;

/**
 * Carries entries from Redis lists into BullMQ without ever holding one only in memory:
 *
 *   1. LMOVE a batch from the intake list to the in-flight list (atomic, in Redis);
 *   2. add one job per entry with a deterministic job id (BullMQ ignores an id it already has);
 *   3. only then remove the batch from the in-flight list.
 *
 * A pump that dies after 1 leaves its batch in the in-flight list; every pump re-adds whatever sits
 * there every QUEUE_PUMP_SWEEP_MS (harmless for a batch still moving: the ids deduplicate). Once in
 * BullMQ, a job whose worker dies is taken back by the stalled-job check and retried, and the
 * processors are idempotent, so an entry is processed at least once and takes effect once.
 * Any number of worker processes may pump the same lists at the same time.
 */
@Injectable()
export class ListPump implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ListPump.name);
  private readonly sources: PumpSource[] = [];
  private readonly scripts: PumpScripts;
  private running = false;
  private loop?: Promise<void>;
  /** A connection of its own: the pump's polling never queues behind (or ahead of) request traffic. */
  private readonly redis: Redis;

  constructor(@Inject(REDIS_CLIENT) requestClient: Redis, private readonly config: AppConfig) {
    this.redis = requestClient.duplicate({ connectionName: 'list-pump' });
    this.redis.on('error', (error: Error) => this.logger.warn(`pump connection: ${error.message}`));
    this.redis.defineCommand('pumpTake', { numberOfKeys: 2, lua: TAKE_SCRIPT });
    this.redis.defineCommand('pumpRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    this.scripts = this.redis as unknown as PumpScripts;
  }

  /** Called by domain modules in their constructors or onModuleInit. */
  register(source: PumpSource): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** One pass over every intake list; returns how many entries went into BullMQ. */
  async pumpOnce(): Promise<number> {
    let moved = 0;
    for (const source of this.sources) {
      for (const id of await this.redis.smembers(source.registryKey)) {
        moved += await this.pumpList(source, id);
      }
    }

    return moved;
  }

  /** Re-adds what a dead pump left in the in-flight lists. */
  async sweep(): Promise<number> {
    let moved = 0;
    for (const source of this.sources) {
      for (const id of await this.redis.smembers(source.registryKey)) {
        const stranded = await this.redis.lrange(source.inFlightKey(id), 0, -1);
        moved += await this.enqueue(source, id, stranded);
      }
    }

    return moved;
  }

  private async run(): Promise<void> {
    const { idleMs, sweepMs } = this.config.queue.pump;
    let lastSweep = 0;
    while (this.running) {
      try {
        if (Date.now() - lastSweep >= sweepMs) {
          lastSweep = Date.now();
          const recovered = await this.sweep();
          if (recovered > 0) this.logger.warn(`re-queued ${recovered} entries left in flight by a stopped pump`);
        }
        if ((await this.pumpOnce()) === 0) await sleep(idleMs);
      } catch (error) {
        // Redis or BullMQ unreachable: entries stay in their lists; try again shortly.
        this.logger.warn(`pump paused: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(Math.max(idleMs, 500));
      }
    }
  }

  private async pumpList(source: PumpSource, id: string): Promise<number> {
    const batch = await this.scripts.pumpTake(source.intakeKey(id), source.inFlightKey(id), this.config.queue.pump.batchSize);
    if (batch.length > 0) return this.enqueue(source, id, batch);

    if ((await source.isRetired(id)) && (await this.redis.llen(source.inFlightKey(id))) === 0) {
      await this.redis.srem(source.registryKey, id);
    }

    return 0;
  }

  private async enqueue(source: PumpSource, id: string, entries: string[]): Promise<number> {
    if (entries.length === 0) return 0;
    await source.queue.addBulk(
      entries.map((entry) => {
        const job = source.toJob(id, entry);
        return { name: job.name, data: job.data, opts: { jobId: job.jobId } };
      }),
    );
    await this.scripts.pumpRelease(source.inFlightKey(id), ...entries);

    return entries.length;
  }
}
