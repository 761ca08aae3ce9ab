import { Agent, errors, request } from 'undici';

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

export interface StormOptions {
  connections?: number;
  /**
   * Send a request again, once, when its connection closed before any answer came back, as a
   * client does with an idempotent call. Counted in `retried`. For storms through a load balancer
   * that is reloaded meanwhile: nginx closes idle kept-alive client connections on reload, and a
   * request sent on one at that moment gets no answer at all.
   */
  retryConnectionErrors?: boolean;
}

export interface Storm extends Array<StormResponse> {
  retried: number;
}

/**
 * Fires every request at once over real sockets (no queueing in the client beyond `connections`
 * per origin) and collects status and body. Used by the concurrency invariants.
 */
export async function fireAll(baseUrl: string, requests: StormRequest[], options: StormOptions = {}): Promise<Storm> {
  const dispatcher = new Agent({ connections: options.connections ?? 256, pipelining: 1, keepAliveTimeout: 10_000 });
  let retried = 0;
  try {
    const responses = await Promise.all(
      requests.map(async (spec) => {
        const headers: Record<string, string> = { ...spec.headers };
        if (spec.token) headers.authorization = `Bearer ${spec.token}`;
        if (spec.body !== undefined) headers['content-type'] = 'application/json';
        const send = () =>
          request(baseUrl + spec.path, {
            method: spec.method,
            headers,
            body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
            dispatcher,
          });
        const response = await send().catch((error: unknown) => {
          if (!options.retryConnectionErrors || !isConnectionLost(error)) throw error;
          retried++;
          return send();
        });
        const text = await response.body.text();
        // A load balancer's own error pages (502 from nginx) are HTML: keep them as text.
        const json = String(response.headers['content-type'] ?? '').includes('json');
        return { status: response.statusCode, body: text ? (json ? (JSON.parse(text) as unknown) : text) : undefined };
      }),
    );

    return Object.assign(responses, { retried });
  } finally {
    await dispatcher.close();
  }
}

/** The connection closed or was reset before any answer came back. */
function isConnectionLost(error: unknown): boolean {
  if (error instanceof errors.SocketError) return true;
  const code = (error as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
