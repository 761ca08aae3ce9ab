// A sale day: everyone opens the app (front page, profile, sign-in), some look at their orders,
// and a burst of flash-sale attempts and red-packet grabs lands on top, all at once.
//   k6 run -e BASE_URL=http://localhost:3000 -e VUS=300 -e DURATION=1m k6/sale-day.ts
import { check, group, sleep } from 'k6';
import http from 'k6/http';
import { Options } from 'k6/options';

import { authHeaders, BASE_URL, createPromotions, DURATION, loginDemoUsers, Promotions, resolvePath, scenario, thresholdsFor, VUS } from './shared.ts';

const BROWSING = ['front-page', 'profile', 'sign-in-storm', 'sign-in-today', 'order-list-first-page'];
const BURST = ['flash-sale-attempt', 'red-packet-grab'];

export const options: Options = {
  scenarios: {
    browsing: { executor: 'constant-vus', vus: VUS, duration: DURATION, exec: 'browse' },
    burst: {
      executor: 'ramping-arrival-rate',
      exec: 'burst',
      startRate: 0,
      timeUnit: '1s',
      preAllocatedVUs: VUS,
      stages: [
        { target: Number(__ENV.BURST_RATE || 500), duration: '10s' },
        { target: Number(__ENV.BURST_RATE || 500), duration: '20s' },
        { target: 0, duration: '10s' },
      ],
      startTime: '10s',
    },
  },
  thresholds: Object.assign({}, ...[...BROWSING, ...BURST].map(thresholdsFor)),
};

interface Setup {
  tokens: string[];
  promotions: Promotions;
}

export function setup(): Setup {
  return { tokens: loginDemoUsers(VUS), promotions: createPromotions(Number(__ENV.PRODUCT_ID || 1)) };
}

function hit(name: string, data: Setup, token: string): void {
  const spec = scenario(name);
  const response = http.request(spec.method, BASE_URL + resolvePath(spec.path, data.promotions), null, {
    headers: spec.auth ? authHeaders(token) : {},
    tags: { name },
  });
  check(response, { [`${name} answered`]: (r) => spec.okStatuses.includes(r.status) });
}

export function browse(data: Setup): void {
  const token = data.tokens[(__VU - 1) % data.tokens.length];
  group('open the app', () => {
    for (const name of BROWSING) hit(name, data, token);
  });
  sleep(1);
}

export function burst(data: Setup): void {
  const token = data.tokens[Math.floor(Math.random() * data.tokens.length)];
  hit(BURST[Math.floor(Math.random() * BURST.length)], data, token);
}
