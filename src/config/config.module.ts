import { existsSync } from 'node:fs';

import { Global, Module } from '@nestjs/common';

import { AppConfig, loadConfig } from './app-config';

/** Reads `.env` (if present, never overriding real variables) and the process environment. */
export function loadConfigFromProcess(): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');

  return loadConfig(process.env);
}

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: loadConfigFromProcess }],
  exports: [AppConfig],
})
export class ConfigModule {}
