import { join } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { AppConfig } from '../config/app-config';

import { installPgTypeParsers } from './pg-type-parsers';

/** Shared by the Nest app and the migration CLI, so both talk to the same schema the same way. */
export function typeormOptions(config: AppConfig): DataSourceOptions {
  installPgTypeParsers();

  return {
    type: 'postgres',
    url: config.database.url.reveal(),
    synchronize: false,
    migrationsRun: false,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    extra: {
      max: config.database.poolSize,
      // A database that does not answer must give a fast error (503), never a hung request.
      connectionTimeoutMillis: 2000,
      statement_timeout: config.database.statementTimeoutMs,
      application_name: `flashmart-${config.role}`,
    },
  };
}
