import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';

import { FlashSaleStore } from '@app/promotions/flash-sales/flash-sale-store';
import { QueueNames } from '@app/queue/queue-names';
import { resetDatabase, resetRedis } from '@test/support/cleanup';
import { createUsers } from '@test/support/factories';
import { eventually, publishSale } from '@test/support/promotion-factories';
import { fireAll } from '@test/support/storm';
import { startTestApp, TestApp } from '@test/support/test-app';
import { WorkerProcess } from '@test/support/worker-process';

/**
 * Case C05 at full scale: the API process only accepts (APP_ROLE=api); a separate worker process
 * drains, is killed with SIGKILL in the middle, and is started again.
 */
describe('Flash-sale worker crash', () => {
  let t: TestApp;
  let store: FlashSaleStore;
  const workerEnv = {
    LOG_LEVEL: 'warn',
    // Batches that wait 200 ms for more tickets than the worker takes at once: the drain is slow
    // enough to kill halfway, and the worker nearly always holds unacknowledged jobs when it dies.
    FLASH_SALE_ORDER_BATCH_SIZE: '200',
    FLASH_SALE_ORDER_BATCH_WAIT_MS: '200',
    FLASH_SALE_WORKER_CONCURRENCY: '50',
    QUEUE_PUMP_BATCH_SIZE: '20',
    // A killed worker's jobs come back after 2 s; its pump's in-flight entries within 1 s.
    QUEUE_LOCK_DURATION_MS: '2000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_PUMP_SWEEP_MS: '1000',
  };
  const worker = new WorkerProcess(workerEnv);

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api', RATE_LIMIT_PER_USER: '1000', RATE_LIMIT_PER_IP: '1000000' });
    store = t.app.get(FlashSaleStore);
    await resetDatabase(t.db);
    await resetRedis(t.redis, t.config.redis.keyPrefix);
  });
  afterAll(async () => {
    await worker.stop('SIGKILL');
    await t.close();
  });

  const storedOrders = async (saleId: number): Promise<number> =>
    (await t.db.query('SELECT count(*)::int AS n FROM orders WHERE flash_sale_id = $1', [saleId]))[0].n;

  it('case C05: a worker killed in the middle of a busy drain and restarted leaves exactly one order per accepted ticket', async () => {
    const sale = await publishSale(t, { stock: 1000 });
    const users = await createUsers(t, 1200);
    const responses = await fireAll(t.url, users.map((user) => ({ method: 'POST' as const, path: `/v1/flash-sales/${sale.id}/attempts`, token: user.token })));
    const accepted = responses.filter((response) => response.status === 202).map((response) => (response.body as { ticketId: string }).ticketId);
    expect(accepted).toHaveLength(1000);
    expect(await storedOrders(sale.id)).toBe(0);

    const queue = t.app.get<Queue>(getQueueToken(QueueNames.flashSaleOrders));
    worker.start();
    // Killed while it holds jobs: some of them already committed, none acknowledged.
    const atKill = await eventually(
      async () => ({ orders: await storedOrders(sale.id), active: await queue.getActiveCount() }),
      (progress) => progress.orders >= 150 && progress.active > 0,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.log}`);
    });
    await worker.stop('SIGKILL');
    const afterKill = await storedOrders(sale.id);
    expect(afterKill).toBeLessThan(1000);

    worker.start();
    await eventually(() => storedOrders(sale.id), (n) => n >= 1000, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.log}`);
    });
    await eventually(() => t.redis.hlen(store.saleKey(sale.id, 'pending')), (pending) => pending === 0, 30_000);
    await worker.stop();

    const orders: { ticket_id: string }[] = await t.db.query('SELECT ticket_id FROM orders WHERE flash_sale_id = $1', [sale.id]);
    expect(orders).toHaveLength(1000);
    expect(new Set(orders.map((order) => order.ticket_id))).toEqual(new Set(accepted));
    const [row] = await t.db.query('SELECT stock_remaining FROM flash_sales WHERE id = $1', [sale.id]);
    expect(row.stock_remaining).toBe(0);
    expect(await t.redis.hget(store.saleKey(sale.id), 'stock')).toBe('0');
    // Jobs the killed worker held came back through BullMQ's stalled check (had that failed, the
    // orders above would be missing). Reported, not asserted: the kill may fall between two batches.
    const retaken = (await queue.getJobs(['completed'], 0, 1999)).filter((job) => job.stalledCounter > 0).length;
    process.stdout.write(
      `worker crash: killed with ${afterKill} of 1,000 orders stored (${atKill.active} jobs active); ${retaken} stalled jobs re-run; restart completed the rest\n`,
    );
  }, 180_000);
});
