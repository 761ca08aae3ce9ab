import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';

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
      useFactory: (config: AppConfig) => {
        const options = { level: config.log.level, redact: ['req.headers.authorization', 'req.headers.cookie'] };
        if (config.log.pretty) {
          return { forRoutes: [], pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } } };
        }
        // Buffered, asynchronous writes: a synchronous write(2) per access-log line was the largest
        // single cost of a cached read. pino flushes the buffer when the process exits.
        const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });

        return { forRoutes: [], pinoHttp: [options, destination] as [typeof options, typeof destination] };
      },
    }),
  ],
})
export class LoggingModule {}
