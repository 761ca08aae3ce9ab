import { setTimeout as sleep } from 'node:timers/promises';

import { Pool, PoolClient } from 'pg';

import { AppProcess, startAppProcess } from '@test/support/app-process';
import { createUsersInDatabase } from '@test/support/tokens';

const DRAIN_DELAY_MS = 1500;

/**
 * The real service as a child process receiving SIGTERM while requests are in flight. The users'
 * rows are held locked by the test, so their sign-ins stay in flight (waiting in PostgreSQL) for
 * as long as the test wants: through the drain delay and past the moment the listener closes.
 */
describe('Graceful shutdown on SIGTERM', () => {
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  let app: AppProcess | undefined;
  let locker: PoolClient | undefined;

  afterAll(async () => {
    if (app?.child.exitCode === null) app.child.kill('SIGKILL');
    await locker?.query('ROLLBACK');
    locker?.release();
    await db.end();
  });

  it('turns ready 503 first, lets requests in flight finish with 200, closes the listener, then exits 0', async () => {
    app = await startAppProcess({ SHUTDOWN_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS), DATABASE_STATEMENT_TIMEOUT_MS: '30000' });
    const url = app.url;
    const users = await createUsersInDatabase(db, process.env.JWT_SECRET ?? '', 5);
    const ids = users.map((user) => user.id);
    locker = await db.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM users WHERE id = ANY($1) FOR UPDATE', [ids]);

    const inFlight = users.map(async (user) => {
      const response = await fetch(`${url}/v1/sign-ins`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` } });
      return { status: response.status, body: (await response.json()) as { created: boolean } };
    });
    await waitFor(async () => (await waitingOnLocks(db)) >= users.length, 'the sign-ins to wait on the row locks');

    app.child.kill('SIGTERM');
    await waitFor(async () => (await statusOf(`${url}/health/ready`)) === 503, 'readiness to turn 503');
    expect(await statusOf(`${url}/health/live`)).toBe(200);

    // Past the drain delay the listener closes while the sign-ins are still waiting.
    await waitFor(async () => (await statusOf(`${url}/health/live`)) === 0, 'the listener to close', DRAIN_DELAY_MS + 5000);
    expect(app.child.exitCode).toBeNull();
    await locker.query('COMMIT');
    locker.release();
    locker = undefined;

    const responses = await Promise.all(inFlight);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.every((response) => response.body.created)).toBe(true);
    expect(await app.exited).toBe(0);
    const { rows } = await db.query('SELECT count(*)::int AS count FROM sign_ins WHERE user_id = ANY($1)', [ids]);
    expect(rows[0].count).toBe(5);
  });
});

/** HTTP status, or 0 when nothing listens any more. */
function statusOf(url: string): Promise<number> {
  return fetch(url).then(
    (response) => response.status,
    () => 0,
  );
}

async function waitingOnLocks(db: Pool): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS count FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name LIKE 'flashmart-%'`,
  );
  return rows[0].count;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}
