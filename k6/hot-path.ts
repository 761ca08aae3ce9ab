// One hot path from scenarios.json, under constant load, with its thresholds and checks:
//   k6 run -e SCENARIO=profile -e BASE_URL=http://localhost:3000 -e VUS=200 -e DURATION=30s k6/hot-path.ts
// SCENARIO: liveness, sign-in-today, sign-in-storm, profile, order-list-first-page, front-page,
// flash-sale-attempt (with ticket polling), red-packet-grab. Users: the demo data
// (`npm run seed:demo`); promotions are created in setup with the admin account (ADMIN_EMAIL,
// ADMIN_PASSWORD) on product PRODUCT_ID (default 1).
import { check, sleep } from 'k6';
import http from 'k6/http';
import { Options } from 'k6/options';

import { authHeaders, BASE_URL, createPromotions, DURATION, loginDemoUsers, Promotions, resolvePath, scenario, thresholdsFor, VUS } from './shared.ts';

const NAME = __ENV.SCENARIO || 'profile';
const spec = scenario(NAME);

export const options: Options = {
  scenarios: { [NAME]: { executor: 'constant-vus', vus: VUS, duration: DURATION } },
  thresholds: thresholdsFor(NAME),
};

interface Setup {
  tokens: string[];
  promotions?: Promotions;
}

export function setup(): Setup {
  const tokens = spec.auth ? loginDemoUsers(VUS) : [];
  const promotions = spec.path.includes('{') ? createPromotions(Number(__ENV.PRODUCT_ID || 1)) : undefined;
  if (spec.warmUp) {
    const warmUp = spec.warmUp;
    for (const token of tokens.length ? tokens : [undefined]) {
      http.request(warmUp.method, BASE_URL + resolvePath(warmUp.path, promotions), null, { headers: authHeaders(token) });
    }
  }
  return { tokens, promotions };
}

export default function (data: Setup): void {
  const token = data.tokens.length ? data.tokens[(__VU - 1) % data.tokens.length] : undefined;
  const response = http.request(spec.method, BASE_URL + resolvePath(spec.path, data.promotions), null, {
    headers: authHeaders(token),
    tags: { name: NAME },
  });
  check(response, { [`status in ${spec.okStatuses.join('/')}`]: (r) => spec.okStatuses.includes(r.status) });

  // An accepted flash-sale attempt: poll the ticket until it is confirmed or failed, as an app does.
  if (NAME === 'flash-sale-attempt' && response.status === 202 && data.promotions) {
    const ticket = response.json('ticketId') as string;
    for (let poll = 0; poll < 20; poll++) {
      sleep(0.25);
      const state = http.get(`${BASE_URL}/v1/flash-sales/${data.promotions.saleId}/tickets/${ticket}`, {
        headers: authHeaders(token),
        tags: { name: 'ticket' },
      });
      if (state.json('status') !== 'pending') {
        check(state, { 'ticket confirmed': (r) => r.json('status') === 'confirmed' });
        break;
      }
    }
  }
}
