import { readFileSync } from 'node:fs';

import autocannon from 'autocannon';
import Redis from 'ioredis';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  seconds: number;
  connections: number;
  /** Answers with any other status count as errors. */
  okStatuses: number[];
  /** Rotated per request, so a round spreads over many users' keys. */
  tokens?: string[];
}

export interface RoundResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  /** How many answers had each status, e.g. { 202: 1500, 409: 30 }. */
  statuses: Record<number, number>;
  /** Share of CPU time the hypervisor took from this machine during the round. */
  stealPercent: number;
}

export async function runRound(spec: LoadSpec): Promise<RoundResult> {
  const cpuBefore = readCpuTimes();
  let next = 0;
  const tokens = spec.tokens;
  const result = await autocannon({
    url: spec.url,
    method: spec.method,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        setupRequest: (request) => {
          if (!tokens?.length) return request;
          const token = tokens[next++ % tokens.length];
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  const cpuAfter = readCpuTimes();
  const statuses: Record<number, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[Number(status)] = stats.count ?? 0;
  const unexpected = Object.entries(statuses)
    .filter(([status]) => !spec.okStatuses.includes(Number(status)))
    .reduce((sum, [, count]) => sum + count, 0);

  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
    requests: result.requests.total,
    statuses,
    stealPercent: stealPercent(cpuBefore, cpuAfter),
  };
}

/**
 * Calls per command name so far, from Redis's own statistics. Commands run inside a Lua script
 * count too (an EVALSHA whose script does one HGET shows as evalsha 1 + hget 1).
 */
export async function redisCommandCalls(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1], Number(match[2]));
  return calls;
}

/** "evalsha 1.00, hget 1.00": what each request cost Redis between two snapshots. */
export function describeRedisCalls(before: Map<string, number>, after: Map<string, number>, requests: number): string {
  const perRequest: string[] = [];
  for (const [command, count] of after) {
    if (command === 'info') continue;
    const delta = (count - (before.get(command) ?? 0)) / Math.max(requests, 1);
    if (delta >= 0.01) perRequest.push(`${command} ${delta.toFixed(2)}`);
  }
  return perRequest.join(', ') || 'none';
}

interface CpuTimes {
  total: number;
  steal: number;
}

function readCpuTimes(): CpuTimes {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

function stealPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  return total > 0 ? (100 * (after.steal - before.steal)) / total : 0;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
