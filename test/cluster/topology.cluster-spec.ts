import Redis from 'ioredis';
import request from 'supertest';

import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster } from './cluster-support';

/** The cluster is what it claims to be: data spread over 3 Redis masters, roles kept apart. */
describe('Cluster topology', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(() => cluster.close());

  it('spreads the sign-in hashes over all three Redis masters', async () => {
    const users = await cluster.createUsers(60);
    await fireAll(cluster.url, users.map((user) => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token })));

    const nodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',');
    const keysPerNode = await Promise.all(
      nodes.map(async (node) => {
        const [host, port] = node.split(':');
        const redis = new Redis({ host, port: Number(port) });
        try {
          const [, keys] = await redis.scan('0', 'MATCH', 'fmcluster:signin:*', 'COUNT', 10_000);
          return keys.length;
        } finally {
          redis.disconnect();
        }
      }),
    );
    expect(keysPerNode).toHaveLength(3);
    for (const count of keysPerNode) expect(count).toBeGreaterThan(0);
  });

  it('keeps the API off the worker processes: they answer their health probes only', async () => {
    for (const port of [3111, 3112]) {
      await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(200);
      await request(`http://127.0.0.1:${port}`).get('/v1/sign-ins/today').expect(404);
    }
  });
});
