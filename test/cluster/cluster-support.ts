import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';

import { TestUser } from '@test/support/factories';
import { createUsersInDatabase } from '@test/support/tokens';

/**
 * What a cluster test reaches: nginx (the only HTTP entry point), the PostgreSQL primary and
 * replica for checks, and cluster.sh to kill or restart an API replica.
 */
export interface Cluster {
  url: string;
  primary: Pool;
  replica: Pool;
  createUsers(count: number): Promise<TestUser[]>;
  /** SIGKILL: the replica dies at once, mid-request. */
  killApi(replica: number): Promise<void>;
  /** SIGTERM, resolving once the replica has exited after its graceful shutdown. */
  stopApi(replica: number): Promise<void>;
  startApi(replica: number): Promise<void>;
  /** SIGKILL a worker process: its running jobs are left to BullMQ's stalled-job check. */
  killWorker(worker: number): Promise<void>;
  startWorker(worker: number): Promise<void>;
  close(): Promise<void>;
}

const script = join(__dirname, 'cluster.sh');
const run = promisify(execFile);

export function connectCluster(): Cluster {
  const primary = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const replica = new Pool({ connectionString: process.env.CLUSTER_REPLICA_URL, max: 2 });

  return {
    url: process.env.CLUSTER_URL ?? '',
    primary,
    replica,
    // Fresh users per test and checks by their ids: tests stay independent without resets.
    createUsers: (count) => createUsersInDatabase(primary, process.env.JWT_SECRET ?? '', count),
    killApi: async (n) => void (await run('bash', [script, 'kill-api', String(n)])),
    stopApi: async (n) => void (await run('bash', [script, 'stop-api', String(n)])),
    startApi: async (n) => void (await run('bash', [script, 'start-api', String(n)])),
    killWorker: async (n) => void (await run('bash', [script, 'kill-worker', String(n)])),
    startWorker: async (n) => void (await run('bash', [script, 'start-worker', String(n)])),
    close: async () => {
      await primary.end();
      await replica.end();
    },
  };
}

/** An admin account made in PostgreSQL, with a wallet, and its token. */
export async function createAdmin(cluster: Cluster, walletCents = 0): Promise<string> {
  const { rows } = await cluster.primary.query<{ id: number }>(
    `INSERT INTO users (email, password_hash, role, display_name, wallet_balance_cents)
     VALUES ('admin-' || gen_random_uuid() || '@test.local', 'unusable', 'admin', 'Admin', $1) RETURNING id`,
    [walletCents],
  );
  return new JwtService({ secret: process.env.JWT_SECRET ?? '' }).sign({ sub: String(rows[0].id), role: 'admin' });
}

/** Polls `read` until `done` holds or the time runs out; returns the last value. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

export function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
