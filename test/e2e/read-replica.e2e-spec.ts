import request from 'supertest';

import { createUser } from '@test/support/factories';
import { TcpProxy } from '@test/support/tcp-proxy';
import { startTestApp, TestApp } from '@test/support/test-app';

/**
 * DATABASE_REPLICA_URLS pointing at a loopback proxy of the test database: the replica pool is
 * real and separate, and stopping the proxy takes the "replica" away from this app only.
 * (Replication lag itself is tested on a real streaming replica in test/cluster.)
 */
describe('Reads on a read replica', () => {
  const replicaProxy = new TcpProxy('127.0.0.1', 5432);
  let t: TestApp;

  beforeAll(async () => {
    await replicaProxy.start();
    const replica = new URL(process.env.DATABASE_URL ?? '');
    replica.port = String(replicaProxy.port);
    t = await startTestApp({ DATABASE_REPLICA_URLS: replica.toString() });
    t.clock.set('2026-12-03T04:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    await replicaProxy.stop();
  });

  it('serves the calendar through the replica pool, and from the primary while the replica is down', async () => {
    const user = await createUser(t);
    const signIn = await request(t.url).post('/v1/sign-ins').auth(user.token, { type: 'bearer' }).expect(200);

    const throughReplica = await request(t.url).get('/v1/sign-ins/calendar').auth(user.token, { type: 'bearer' }).expect(200);
    expect(throughReplica.body.days).toEqual([signIn.body.signIn]);
    // The replica pool keeps its connection open, through the proxy.
    expect(replicaProxy.openConnections).toBeGreaterThan(0);

    await replicaProxy.stop();
    try {
      const fromPrimary = await request(t.url).get('/v1/sign-ins/calendar').auth(user.token, { type: 'bearer' }).expect(200);
      expect(fromPrimary.body.days).toEqual([signIn.body.signIn]);
    } finally {
      await replicaProxy.start();
    }
  });
});
