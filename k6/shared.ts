// Shared by every k6 scenario: the base URL, the scenario data in scenarios.json (which the in-repo
// benchmark reads too), and logging in demo users during setup.
import http from 'k6/http';

export interface Scenario {
  description: string;
  method: 'GET' | 'POST';
  path: string;
  auth: boolean;
  okStatuses: number[];
  warmUp?: { method: 'GET' | 'POST'; path: string };
  thresholds: { errorRate: number; p95Ms: number; p99Ms: number };
}

export const BASE_URL = __ENV.BASE_URL || 'http://localhost:3000';
export const VUS = Number(__ENV.VUS || 200);
export const DURATION = __ENV.DURATION || '30s';

const file = JSON.parse(open('./scenarios.json')) as { scenarios: Record<string, Scenario> };

export function scenario(name: string): Scenario {
  const found = file.scenarios[name];
  if (!found) throw new Error(`no scenario ${name} in k6/scenarios.json`);
  return found;
}

/** k6 thresholds from the scenario's pass marks, for requests tagged with its name. */
export function thresholdsFor(name: string): Record<string, string[]> {
  const { thresholds } = scenario(name);
  return {
    [`http_req_failed{name:${name}}`]: [`rate<${thresholds.errorRate}`],
    [`http_req_duration{name:${name}}`]: [`p(95)<${thresholds.p95Ms}`, `p(99)<${thresholds.p99Ms}`],
    checks: ['rate>0.99'],
  };
}

/** Demo users from `npm run seed:demo`: demo1..demoN@flashmart.local, password "demo-password". */
export function loginDemoUsers(count: number): string[] {
  const tokens: string[] = [];
  for (let n = 1; n <= count; n++) {
    const response = http.post(
      `${BASE_URL}/v1/auth/login`,
      JSON.stringify({ email: `demo${n}@flashmart.local`, password: 'demo-password' }),
      { headers: { 'Content-Type': 'application/json' }, tags: { name: 'login' } },
    );
    if (response.status !== 200) throw new Error(`login demo${n} failed: ${response.status}`);
    tokens.push(response.json('accessToken') as string);
  }
  return tokens;
}

export function authHeaders(token?: string): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export interface Promotions {
  saleId: number;
  packetId: number;
}

/**
 * A running flash sale and a red packet, created through the admin API with the admin account
 * from the service's ADMIN_EMAIL / ADMIN_PASSWORD (pass them to k6 with -e), for the scenarios
 * whose paths hold {saleId} or {packetId}. The admin's wallet pays for the red packet.
 */
export function createPromotions(productId: number): Promotions {
  const login = http.post(
    `${BASE_URL}/v1/auth/login`,
    JSON.stringify({ email: __ENV.ADMIN_EMAIL || 'admin@flashmart.local', password: __ENV.ADMIN_PASSWORD || 'admin-password-change-me' }),
    { headers: { 'Content-Type': 'application/json' } },
  );
  const admin = login.json('accessToken') as string;
  const json = { 'Content-Type': 'application/json', ...authHeaders(admin) };
  const now = Date.now();
  const sale = http.post(
    `${BASE_URL}/v1/admin/flash-sales`,
    JSON.stringify({
      productId,
      priceCents: 990,
      stock: Number(__ENV.SALE_STOCK || 1000),
      perUserLimit: 1,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    }),
    { headers: json },
  );
  const saleId = sale.json('id') as number;
  http.post(`${BASE_URL}/v1/admin/flash-sales/${saleId}/publish`, null, { headers: json });
  const packet = http.post(
    `${BASE_URL}/v1/red-packets`,
    JSON.stringify({ totalCents: Number(__ENV.PACKET_CENTS || 10_000), shares: Number(__ENV.PACKET_SHARES || 100), expiresInSeconds: 3600 }),
    { headers: json },
  );
  return { saleId, packetId: packet.json('id') as number };
}

export function resolvePath(path: string, promotions?: Promotions): string {
  return promotions ? path.replace('{saleId}', String(promotions.saleId)).replace('{packetId}', String(promotions.packetId)) : path;
}
