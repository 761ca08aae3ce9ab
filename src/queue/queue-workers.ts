import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

import { AppConfig } from '@app/config/app-config';

import { RoleAwareWorkerHost } from './role-aware-worker-host';

/**
 * Runs the BullMQ workers of this process's role. Processors are declared with
 * `@Processor(QUEUE, { autorun: false })`; they start here in the `worker` and `both` roles only,
 * so an `api` replica never takes jobs. Any number of worker processes can run side by side:
 * BullMQ hands each job to one of them.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueWorkers.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const takesJobs = this.config.role !== 'api';
    for (const host of this.hosts()) {
      const worker = host.worker;
      if (takesJobs && !worker.isRunning()) {
        if (host instanceof RoleAwareWorkerHost) host.prepareToRun();
        worker.run().catch((error: unknown) => this.logger.error(`worker ${worker.name} stopped: ${String(error)}`));
      } else if (!takesJobs && worker.isRunning()) {
        this.logger.warn(`worker ${worker.name} is declared without { autorun: false }; closing it in the api role`);
        await worker.close();
      }
    }
  }

  /**
   * Takes no new jobs and waits for the running ones to finish. A job cut short by a hard kill is
   * not lost: its lock expires and BullMQ's stalled-job check hands it to another worker.
   */
  async close(): Promise<void> {
    await Promise.all(this.hosts().map((host) => host.worker.close()));
  }

  private hosts(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
  }
}
