import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { loadConfig } from '../../src/config/app-config';
import { typeormOptions } from '../../src/database/typeorm-options';
import { testDatabaseName } from './test-environment';

/** Creates the test database if needed and applies every migration, once per test run. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [testDatabaseName]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${testDatabaseName}"`);
  await admin.end();

  const dataSource = new DataSource(typeormOptions(loadConfig(process.env)));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
