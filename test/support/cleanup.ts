import Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** Empties every table the migrations made, so each test starts from the same state. */
export async function resetDatabase(db: DataSource): Promise<void> {
  const tables: { name: string }[] = await db.query(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  if (tables.length === 0) return;
  await db.query(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Deletes the test run's Redis keys (by prefix, never FLUSHDB: the database may be shared). */
export async function resetRedis(redis: Redis, prefix: string): Promise<void> {
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
