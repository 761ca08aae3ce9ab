import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';

import { AppConfig } from './config/app-config';
import { AppError } from './errors/app-error';
import { Readiness } from './health/readiness';
import { installRequestLogging } from './logging/request-logging';

export const API_PREFIX = 'v1';

/** Passed to NestFactory.create / createNestApplication by main.ts and the e2e tests alike. */
export const NEST_APP_OPTIONS = { bodyParser: false, bufferLogs: true } as const;
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Fastify with the body limit, request ids from X-Request-Id (or fresh UUIDs) and proxy awareness. */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: true,
    genReqId: (request: IncomingMessage) => {
      const header = request.headers['x-request-id'];
      const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      return id;
    },
  });
}

/** Everything the running service and the e2e tests must set up identically. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  // Exit 0 once the graceful shutdown (see GracefulShutdown) has run, so orchestrators see a clean stop.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });

  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonBodiesOnly(fastify);
  installRequestLogging(fastify);
  if (app.get(AppConfig).role === 'worker') serveHealthOnly(fastify);
  const readiness = app.get(Readiness);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // While draining, a load balancer must not reuse its kept-alive connections to this replica.
    if (readiness.draining) reply.header('connection', 'close');
  });

  setUpApiDocs(app);

  return app;
}

/**
 * The API takes JSON bodies only: any other Content-Type gets 415. Needs the app created with
 * `bodyParser: false` (see NEST_APP_OPTIONS), otherwise Nest adds its own JSON and form parsers.
 * Parse failures become MALFORMED_BODY; Nest would otherwise turn them into a generic 400.
 */
function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body.toString(), (error: Error | null, value?: unknown) => {
      if (error) done(AppError.malformedBody(error.message));
      else done(null, value);
    });
  });
}

/** A worker process listens for its health probes only; the API is served by api replicas. */
function serveHealthOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    done(request.url.startsWith('/health/') ? undefined : AppError.notFound('This is a worker process; it serves /health only'));
  });
}

function setUpApiDocs(app: INestApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Flashmart API')
    .setDescription('High-concurrency e-commerce backend. Client endpoints live under /v1.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => cleanupOpenApiDoc(SwaggerModule.createDocument(app, document)));
}
