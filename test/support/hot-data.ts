import { setTimeout as sleep } from 'node:timers/promises';

import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { STATIC_EXPORT_QUEUE } from '@app/static-export/static-export.queue';

import { TestApp } from './test-app';

export interface SeededCatalog {
  categoryIds: number[];
  productIds: number[];
}

/** Two root categories (one with a child) and `products` products on sale, straight into PostgreSQL. */
export async function seedCatalog(db: DataSource, products = 3): Promise<SeededCatalog> {
  const roots: { id: number }[] = await db.query(
    `INSERT INTO categories (name, slug, position) VALUES ('Phones', 'phones', 1), ('Books', 'books', 2) RETURNING id`,
  );
  const [child]: { id: number }[] = await db.query(
    `INSERT INTO categories (parent_id, name, slug, position) VALUES ($1, 'Android', 'android', 1) RETURNING id`,
    [roots[0].id],
  );
  const rows: { id: number }[] = await db.query(
    `INSERT INTO products (category_id, name, description, price_cents, stock)
     SELECT $1, 'Product ' || n, 'About product ' || n, 1000 * n, 100 FROM generate_series(1, $2::int) AS n
     RETURNING id`,
    [child.id, products],
  );

  return { categoryIds: [...roots.map((row) => row.id), child.id], productIds: rows.map((row) => row.id) };
}

/** Polls `probe` until it returns true or `timeoutMs` passes; returns the milliseconds it took. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 10): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }

  return Date.now() - started;
}

/**
 * Waits until no static export job is queued or running. An export reads through the hot cache
 * (and so counts as hits and sends Redis commands), so tests that count start after it.
 */
export async function drainStaticExports(app: TestApp): Promise<void> {
  const queue = app.app.get<Queue>(getQueueToken(STATIC_EXPORT_QUEUE));
  await waitUntil(async () => {
    const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  }, 10_000, 20);
}
