import { Agent, request } from 'undici';

export interface StormResponse {
  status: number;
  body: unknown;
}

export interface StormRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Fires every request at once over real sockets (no queueing in the client beyond `connections`
 * per origin) and collects status and body. Used by the concurrency invariants.
 */
export async function fireAll(baseUrl: string, requests: StormRequest[], connections = 256): Promise<StormResponse[]> {
  const dispatcher = new Agent({ connections, pipelining: 1, keepAliveTimeout: 10_000 });
  try {
    return await Promise.all(
      requests.map(async (spec) => {
        const headers: Record<string, string> = { ...spec.headers };
        if (spec.token) headers.authorization = `Bearer ${spec.token}`;
        if (spec.body !== undefined) headers['content-type'] = 'application/json';
        const response = await request(baseUrl + spec.path, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          dispatcher,
        });
        const text = await response.body.text();
        // A load balancer's own error pages (502 from nginx) are HTML: keep them as text.
        const json = String(response.headers['content-type'] ?? '').includes('json');
        return { status: response.statusCode, body: text ? (json ? (JSON.parse(text) as unknown) : text) : undefined };
      }),
    );
  } finally {
    await dispatcher.close();
  }
}
