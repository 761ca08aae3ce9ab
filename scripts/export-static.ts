/**
 * Pre-generates every static JSON file (front page, category tree, app configuration, every
 * product's details) and the manifest into STATIC_EXPORT_DIR: `npm run static:export`.
 * Safe to run at any time, also beside running replicas: files are content-addressed and every
 * write is atomic. After admin changes the app's own export job does the same for what changed.
 */
import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { AppModule } from '@app/app.module';
import { EXPORT_EVERYTHING, StaticExportService } from '@app/static-export/static-export.service';

async function main(): Promise<void> {
  // Only this export: no queue workers in the command's process.
  process.env.APP_ROLE = 'api';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const outcome = await app.get(StaticExportService).export(EXPORT_EVERYTHING);
    console.log(`static export: ${JSON.stringify(outcome)}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
