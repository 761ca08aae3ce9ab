import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster, createAdmin, pollUntil } from './cluster-support';

const API_PORTS = (process.env.CLUSTER_API_PORTS ?? '3101 3102 3103').split(' ');

/** Case C04 across the cluster: a change made through nginx reaches every replica's L1 within a second. */
describe("Every replica's first-level cache after a change", () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(() => cluster.close());

  const frontPageOf = async (port: string) =>
    (await fireAll(`http://127.0.0.1:${port}`, [{ method: 'GET', path: '/v1/front-page' }]))[0].body as { banners: { title: string }[] };

  it('serves the new front page on all 3 replicas within a second', async () => {
    // Warm every replica's first-level copy (two reads: the second is answered from L1).
    for (const port of API_PORTS) {
      await frontPageOf(port);
      await frontPageOf(port);
    }
    const admin = await createAdmin(cluster);
    const title = `Banner ${Date.now()}`;

    const [created] = await fireAll(cluster.url, [
      { method: 'POST', path: '/v1/admin/banners', token: admin, body: { title, imageUrl: 'https://cdn.example/banner.png' } },
    ]);
    expect(created.status).toBe(201);
    const changedAt = Date.now();

    for (const port of API_PORTS) {
      const page = await pollUntil(() => frontPageOf(port), (body) => body.banners.some((banner) => banner.title === title), 1000);
      expect(page.banners.map((banner) => banner.title)).toContain(title);
    }
    expect(Date.now() - changedAt).toBeLessThan(1500);
  }, 60_000);
});
