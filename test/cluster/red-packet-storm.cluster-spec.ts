import { fireAll } from '@test/support/storm';

import { Cluster, connectCluster, createAdmin, pollUntil, shuffle } from './cluster-support';

const TOTAL_CENTS = 10_000;
const SHARES = 100;

/** Red packets across replicas: 1,000 users grab 100 shares through nginx, each twice. */
describe('A red-packet storm through nginx', () => {
  let cluster: Cluster;

  beforeAll(() => {
    cluster = connectCluster();
  });
  afterAll(() => cluster.close());

  it('gives exactly one share each to 100 distinct users, summing to the total, credited once', async () => {
    const admin = await createAdmin(cluster, TOTAL_CENTS);
    const [created] = await fireAll(cluster.url, [
      { method: 'POST', path: '/v1/red-packets', token: admin, body: { totalCents: TOTAL_CENTS, shares: SHARES, expiresInSeconds: 3600 } },
    ]);
    expect(created.status).toBe(201);
    const packetId = (created.body as { id: number }).id;
    const users = await cluster.createUsers(1000);

    const grabs = await fireAll(
      cluster.url,
      shuffle(users.flatMap((user) => Array.from({ length: 2 }, () => ({ method: 'POST' as const, path: `/v1/red-packets/${packetId}/grabs`, token: user.token })))),
    );

    expect(grabs.filter((grab) => ![200, 409].includes(grab.status))).toEqual([]);
    const won = grabs.filter((grab) => grab.status === 200).map((grab) => (grab.body as { amountCents: number }).amountCents);
    expect(won).toHaveLength(SHARES);
    expect(won.reduce((sum, cents) => sum + cents, 0)).toBe(TOTAL_CENTS);

    const ids = users.map((user) => user.id);
    const recorded = await pollUntil(
      async () =>
        (
          await cluster.primary.query(
            `SELECT count(*)::int AS grabs, count(DISTINCT g.user_id)::int AS grabbers, coalesce(sum(g.amount_cents), 0)::int AS cents,
                    count(*) FILTER (WHERE u.wallet_balance_cents <> g.amount_cents)::int AS "wrongWallets"
             FROM red_packet_grabs g JOIN users u ON u.id = g.user_id WHERE g.packet_id = $1 AND g.user_id = ANY($2)`,
            [packetId, ids],
          )
        ).rows[0],
      (row: { grabs: number }) => row.grabs >= SHARES,
      30_000,
    );
    expect(recorded).toEqual({ grabs: SHARES, grabbers: SHARES, cents: TOTAL_CENTS, wrongWallets: 0 });
  }, 120_000);
});
