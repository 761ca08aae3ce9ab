import { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '@app/config/app-config';
import { QueueWorkers } from '@app/queue/queue-workers';

import { Readiness } from './readiness';

/**
 * The first steps of a shutdown, before Nest closes its connections:
 * 1. readiness answers 503, and every answer says `Connection: close`, so a load balancer drops
 *    each kept-alive connection to this replica after its next answer instead of reusing it;
 * 2. on a signal, wait SHUTDOWN_DRAIN_DELAY_MS for load balancers to notice and stop sending;
 * 3. stop accepting connections (a balancer retries a refused connection elsewhere) and wait, at
 *    most as long again, for the open ones to end by themselves; only then close the idle rest.
 *    Closing an idle kept-alive connection races with a request the balancer is sending on it,
 *    which then fails, so this waits for the balancer to close them first (its idle timeout);
 * 4. close the HTTP server once every request in flight has its answer;
 * 5. close the BullMQ workers: running jobs finish, no new ones are taken.
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

    const adapter = this.adapterHost.httpAdapter;
    if (signal && adapter) await this.stopAccepting(adapter.getHttpServer() as Server);
    // Nest closes the server again afterwards; that second close finds it closed and returns.
    await adapter?.close();
    await this.workers.close();
    if (signal) this.logger.log('requests and jobs finished; closing connections');
  }

  /** Resolves once every connection has ended; idle ones are closed after the wait. */
  private async stopAccepting(server: Server): Promise<void> {
    if (!server.listening) return;
    // net.Server's close, not http.Server's: the latter also drops idle kept-alive connections at once.
    const allEnded = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const ended = await Promise.race([allEnded.then(() => true), sleep(this.config.shutdown.drainDelayMs).then(() => false)]);
    if (!ended) {
      server.closeIdleConnections();
      await allEnded;
    }
  }
}
