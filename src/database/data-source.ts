import 'reflect-metadata';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { loadConfigFromProcess } from '../config/config.module';

import { typeormOptions } from './typeorm-options';

const config = loadConfigFromProcess();

/**
 * Used by the TypeORM CLI (`npm run migration:run`); the app builds its own through DatabaseModule.
 * Migrations run on the primary only, so the CLI opens no pools to replicas.
 */
export default new DataSource({
  ...typeormOptions({ ...config, database: { ...config.database, replicaUrls: [] } }),
  entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
});
