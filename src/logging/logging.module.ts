import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '@app/config/app-config';

/**
 * Structured JSON logs through pino and nestjs-pino. nestjs-pino's request middleware is not
 * mounted (`forRoutes: []`): on Fastify it runs through @fastify/middie and cost half the
 * throughput of a cached read. Fastify hooks do its job instead (request-logging.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [],
        pinoHttp: {
          level: config.log.level,
          transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        },
      }),
    }),
  ],
})
export class LoggingModule {}
