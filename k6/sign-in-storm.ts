// Sign-in storm: each virtual user signs in REPEATS times; the service must store one sign-in per
// user per day and answer every call with 200 and the same record.
//   k6 run -e BASE_URL=http://localhost:3000 -e VUS=500 -e REPEATS=5 k6/sign-in-storm.ts
import { check } from 'k6';
import http from 'k6/http';
import { Options } from 'k6/options';

import { authHeaders, BASE_URL, loginDemoUsers, scenario, thresholdsFor, VUS } from './shared.ts';

const NAME = 'sign-in-storm';
const REPEATS = Number(__ENV.REPEATS || 5);
const spec = scenario(NAME);

export const options: Options = {
  scenarios: { storm: { executor: 'per-vu-iterations', vus: VUS, iterations: REPEATS, maxDuration: '2m' } },
  thresholds: thresholdsFor(NAME),
};

export function setup(): { tokens: string[] } {
  return { tokens: loginDemoUsers(VUS) };
}

export default function (data: { tokens: string[] }): void {
  const token = data.tokens[(__VU - 1) % data.tokens.length];
  const response = http.request(spec.method, BASE_URL + spec.path, null, { headers: authHeaders(token), tags: { name: NAME } });
  check(response, {
    [`status ${spec.expectStatus}`]: (r) => r.status === spec.expectStatus,
    'carries the day record': (r) => typeof r.json('signIn.day') === 'string',
  });
}
