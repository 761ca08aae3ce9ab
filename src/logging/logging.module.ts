import { Module, OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';

import { AppConfig } from '@app/config/app-config';

/**
 * Buffered, asynchronous log writes: a synchronous write(2) per access-log line was the largest
 * single cost of a cached read. The buffer is flushed at shutdown and on process exit.
 */
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
process.once('exit', () => destination.flushSync());

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
        const options: LoggerOptions = { level: config.log.level, redact: ['req.headers.authorization'] };
        if (config.log.pretty) {
          return { forRoutes: [], pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } } };
        }

        return { forRoutes: [], pinoHttp: [options, destination] as [LoggerOptions, DestinationStream] };
      },
    }),
  ],
})
export class LoggingModule implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    destination.flushSync();
  }
}
