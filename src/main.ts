import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from './app.factory';
import { AppModule } from './app.module';
import { ConfigError } from './config/app-config';
import { loadConfigFromProcess } from './config/config.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigFromProcess();
  // Every role listens: a worker (queue processors and the list pump) serves /health only, for its probes.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), NEST_APP_OPTIONS);
  configureApp(app);
  forceExitIfShutdownHangs(config.shutdown.timeoutMs);
  await app.listen(config.http.port, config.http.host);
}

/** A request or job that never ends must not keep a stopping replica alive forever. */
function forceExitIfShutdownHangs(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`Shutdown took longer than ${timeoutMs} ms; exiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

bootstrap().catch((error: unknown) => {
  // A bad setting is an operator's mistake: name it plainly instead of printing a stack trace.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
