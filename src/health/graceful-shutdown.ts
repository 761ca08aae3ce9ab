import { setTimeout as sleep } from 'node:timers/promises';

import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '@app/config/app-config';
import { QueueWorkers } from '@app/queue/queue-workers';

import { Readiness } from './readiness';

/**
 * The first steps of a shutdown, before Nest closes its connections:
 * 1. readiness answers 503 (and every answer says `Connection: close`, so a load balancer drops
 *    its kept-alive connections to this replica instead of reusing them after the listener closes);
 * 2. on a signal, wait SHUTDOWN_DRAIN_DELAY_MS for load balancers to notice and stop sending;
 * 3. close the HTTP server: no new connections, requests in flight run to their answer;
 * 4. close the BullMQ workers: running jobs finish, no new ones are taken.
 * Then Nest's shutdown hooks close the queues, PostgreSQL pools and Redis clients.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly readiness: Readiness,
    private readonly adapterHost: HttpAdapterHost,
    private readonly workers: QueueWorkers,
    private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.readiness.startDraining();
    // app.close() without a signal (tests, scripts) has no load balancer to wait for.
    if (signal) {
      this.logger.log(`${signal}: not ready; draining for ${this.config.shutdown.drainDelayMs} ms`);
      await sleep(this.config.shutdown.drainDelayMs);
    }

    // Nest closes the server again afterwards; that second close finds it closed and returns.
    await this.adapterHost.httpAdapter?.close();
    await this.workers.close();
    if (signal) this.logger.log('requests and jobs finished; closing connections');
  }
}
