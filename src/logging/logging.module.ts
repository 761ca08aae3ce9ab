import { IncomingMessage, ServerResponse } from 'node:http';

import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '@app/config/app-config';

/**
 * Structured JSON logs (pino through nestjs-pino): one line per request with its request id, and
 * the same id on every line logged while handling it. Client errors at info, server faults at error.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          // Fastify assigned the id (from X-Request-Id or a fresh UUID) before any middleware ran.
          genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id: string }).id,
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            error || response.statusCode >= 500 ? 'error' : 'info',
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
