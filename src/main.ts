import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { configureApp, createHttpAdapter, NEST_APP_OPTIONS } from './app.factory';
import { AppModule } from './app.module';
import { ConfigError } from './config/app-config';
import { loadConfigFromProcess } from './config/config.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigFromProcess();
  if (config.role === 'worker') {
    // Queue processors and the list pump only: no HTTP server, so workers scale apart from the API.
    const context = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    return;
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), NEST_APP_OPTIONS);
  configureApp(app);
  await app.listen(config.http.port, config.http.host);
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
