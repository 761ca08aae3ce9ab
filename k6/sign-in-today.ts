// Cached read: today's sign-in status, after each user has signed in once (a warm Redis hash).
//   k6 run -e BASE_URL=http://localhost:3000 -e VUS=200 -e DURATION=30s k6/sign-in-today.ts
import { check } from 'k6';
import http from 'k6/http';
import { Options } from 'k6/options';

import { authHeaders, BASE_URL, DURATION, loginDemoUsers, scenario, thresholdsFor, VUS } from './shared.ts';

const NAME = 'sign-in-today';
const spec = scenario(NAME);

export const options: Options = {
  scenarios: { reads: { executor: 'constant-vus', vus: VUS, duration: DURATION } },
  thresholds: thresholdsFor(NAME),
};

export function setup(): { tokens: string[] } {
  const tokens = loginDemoUsers(VUS);
  if (spec.warmUp) {
    const warmUp = spec.warmUp;
    for (const token of tokens) http.request(warmUp.method, BASE_URL + warmUp.path, null, { headers: authHeaders(token) });
  }
  return { tokens };
}

export default function (data: { tokens: string[] }): void {
  const token = data.tokens[(__VU - 1) % data.tokens.length];
  const response = http.request(spec.method, BASE_URL + spec.path, null, { headers: authHeaders(token), tags: { name: NAME } });
  check(response, {
    [`status ${spec.expectStatus}`]: (r) => r.status === spec.expectStatus,
    'signed in': (r) => r.json('signedIn') === true,
  });
}
