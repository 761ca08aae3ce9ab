import { createUser, createUsers } from '@test/support/factories';
import { fireAll, StormResponse } from '@test/support/storm';
import { useTestApp } from '@test/support/test-app';

interface SignInBody {
  signIn: { day: string; points: number; streak: number; signedInAt: string };
  created: boolean;
}

/** The sign-in invariant under real concurrency: one stored sign-in per user per day. */
describe('Sign-in storm', () => {
  const t = useTestApp();

  beforeEach(() => {
    t.clock.set('2026-12-03T04:00:00Z');
  });

  it('1,000 users each firing 5 simultaneous sign-ins store exactly 1,000 sign-ins, with no 5xx', async () => {
    const users = await createUsers(t, 1000);
    const requests = users.flatMap((user) =>
      Array.from({ length: 5 }, () => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token })),
    );

    const responses = await fireAll(t.url, shuffle(requests));

    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM sign_ins WHERE day = '2026-12-03'`);
    expect(count).toBe(1000);
    const created = responses.filter((response) => (response.body as SignInBody).created);
    expect(created).toHaveLength(1000);
    const [{ wrongBalances }] = await t.db.query(
      `SELECT count(*)::int AS "wrongBalances" FROM users u JOIN sign_ins s ON s.user_id = u.id
       WHERE u.points_balance <> s.points`,
    );
    expect(wrongBalances).toBe(0);
  });

  it('case C10: 10 simultaneous sign-ins by one user give one record, credited once, in every answer', async () => {
    const user = await createUser(t);

    const responses: StormResponse[] = await fireAll(
      t.url,
      Array.from({ length: 10 }, () => ({ method: 'POST' as const, path: '/v1/sign-ins', token: user.token })),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const records = responses.map((response) => JSON.stringify((response.body as SignInBody).signIn));
    expect(new Set(records).size).toBe(1);
    expect(responses.filter((response) => (response.body as SignInBody).created)).toHaveLength(1);
    const [{ points_balance }] = await t.db.query('SELECT points_balance FROM users WHERE id = $1', [user.id]);
    expect(points_balance).toBe(10);
  });
});

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
