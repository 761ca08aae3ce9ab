import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Queue } from 'bullmq';

import { API_PREFIX } from '@app/app.factory';
import { AuthModule } from '@app/auth/auth.module';
import { AppError } from '@app/errors/app-error';
import { mapError, toErrorBody } from '@app/errors/error-response';

import { ALL_QUEUES } from './queue-names';
import { QueueModule } from './queue.module';

export const DASHBOARD_PATH = `/${API_PREFIX}/admin/queues`;
const BOARD_COOKIE = 'fm_board_token';

/**
 * Bull Board for operators at /v1/admin/queues: every queue's jobs, failed ones with their reason
 * and a retry button. Outside Nest's router, so it checks the admin token itself, on every request
 * (the page, its assets and its API calls alike): from an `Authorization: Bearer <token>` header,
 * or, since a browser sends no header for the page's own requests, from a `fm_board_token` cookie.
 */
@Module({ imports: [AuthModule, QueueModule] })
export class QueueDashboardModule implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly jwt: JwtService,
  ) {}

  /**
   * At bootstrap, not module init: registering a plugin makes Fastify load what is queued, and
   * Nest's routes must be loaded after Nest set its error handler, or they keep Fastify's default.
   */
  async onApplicationBootstrap(): Promise<void> {
    // A worker process has no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;

    const board = new FastifyAdapter();
    const queues = ALL_QUEUES.map((name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
    createBullBoard({ queues, serverAdapter: board });
    board.setBasePath(DASHBOARD_PATH);

    await fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.requireAdmin(request, reply));
      await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }

  private async requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = bearerToken(request) ?? cookieToken(request);
    let failure: AppError | undefined;
    try {
      if (!token) throw AppError.unauthenticated('A bearer access token (header or fm_board_token cookie) is required');
      const claims = this.jwt.verify<{ role: string }>(token);
      if (claims.role !== 'admin') failure = AppError.forbidden('The queue dashboard requires the admin role');
    } catch (error) {
      failure = error instanceof AppError ? error : AppError.unauthenticated('The access token is invalid or expired');
    }
    if (failure) await reply.status(failure.status).send(toErrorBody(mapError(failure), request.id));
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const [scheme, token] = request.headers.authorization?.split(' ') ?? [];

  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

function cookieToken(request: FastifyRequest): string | undefined {
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${BOARD_COOKIE}=`));

  return cookie ? decodeURIComponent(cookie.slice(BOARD_COOKIE.length + 1)) : undefined;
}
