import { join } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { AppConfig } from '../config/app-config';

import { installPgTypeParsers } from './pg-type-parsers';

/**
 * Shared by the Nest app and the migration CLI, so both talk to the same schema the same way.
 * With DATABASE_REPLICA_URLS, TypeORM keeps one pool per server: every query goes to the primary
 * unless it asks for a replica (see ReadReplica); migrations always run on the primary.
 */
export function typeormOptions(config: AppConfig): DataSourceOptions {
  installPgTypeParsers();
  const primary = config.database.url.reveal();
  const replicas = config.database.replicaUrls.map((url) => ({ url: url.reveal() }));

  return {
    type: 'postgres',
    ...(replicas.length > 0 ? { replication: { master: { url: primary }, slaves: replicas } } : { url: primary }),
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
