import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

import { AppConfig } from '@app/config/app-config';

/**
 * Base of every processor: its concurrency and lock timings come from config. Processors are
 * declared with `autorun: false`; QueueWorkers prepares and starts them in the worker and both
 * roles only, so one deployable scales its API and its workers separately.
 */
export abstract class RoleAwareWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    protected readonly config: AppConfig,
    private readonly concurrency: number,
  ) {
    super();
  }

  /** Called by QueueWorkers right before it runs the worker. */
  prepareToRun(): void {
    // Without a listener BullMQ prints worker errors (lost connection, a lost lock) with console.error.
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'queue worker error'));
    // @Processor options are static; the lock and stall timings come from config, so they are
    // set on the not-yet-running worker (it reads them only once it runs).
    Object.assign(this.worker.opts, {
      lockDuration: this.config.queue.lockDurationMs,
      stalledInterval: this.config.queue.stalledIntervalMs,
      maxStalledCount: 2,
    });
    this.worker.concurrency = this.concurrency;
  }
}
