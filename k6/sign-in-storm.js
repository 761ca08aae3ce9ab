// Sign-in storm: every virtual user signs in several times at once-ish; the service must store
// one sign-in per user per day and answer every call with 200.
//   k6 run -e BASE_URL=http://localhost:3000 -e VUS=500 -e REPEATS=5 k6/sign-in-storm.js
// Users: the demo data (demo1..demoN@flashmart.local, password "demo-password").
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:3000';
const VUS = Number(__ENV.VUS || 200);
const REPEATS = Number(__ENV.REPEATS || 5);

export const options = {
  scenarios: {
    storm: { executor: 'per-vu-iterations', vus: VUS, iterations: REPEATS, maxDuration: '2m' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:sign-in}': ['p(95)<250', 'p(99)<600'],
    checks: ['rate>0.99'],
  },
};

export function setup() {
  const tokens = [];
  for (let n = 1; n <= VUS; n++) {
    const response = http.post(
      `${BASE_URL}/v1/auth/login`,
      JSON.stringify({ email: `demo${n}@flashmart.local`, password: 'demo-password' }),
      { headers: { 'Content-Type': 'application/json' }, tags: { name: 'login' } },
    );
    if (response.status !== 200) throw new Error(`login demo${n} failed: ${response.status} ${response.body}`);
    tokens.push(response.json('accessToken'));
  }
  return { tokens };
}

export default function (data) {
  const token = data.tokens[(__VU - 1) % data.tokens.length];
  const response = http.post(`${BASE_URL}/v1/sign-ins`, null, {
    headers: { Authorization: `Bearer ${token}` },
    tags: { name: 'sign-in' },
  });
  check(response, {
    'status 200': (r) => r.status === 200,
    'carries the day record': (r) => typeof r.json('signIn.day') === 'string',
  });
}
