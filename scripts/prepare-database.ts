/**
 * Creates the configured database if it does not exist and applies every pending migration.
 * Used by the set-up command and by CI; safe to run any number of times.
 */
import 'reflect-metadata';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { loadConfigFromProcess } from '../src/config/config.module';
import { typeormOptions } from '../src/database/typeorm-options';

async function createDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';

  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const config = loadConfigFromProcess();
  await createDatabaseIfMissing(config.database.url.reveal());

  const dataSource = new DataSource(typeormOptions(config));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
