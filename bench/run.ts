/**
 * `npm run bench`: the service's hot paths side by side with a bare Fastify server doing the same
 * Redis work, on this machine, in one run. Prints and writes bench-results/report.md (+ chart.svg,
 * results.json). Ratios, not absolute times, are what the targets in k6/scenarios.json judge.
 *
 *   BENCH_SECONDS (4)  BENCH_ROUNDS (2)  BENCH_CONNECTIONS (50)  BENCH_USERS (2000)
 *   BENCH_SMOKE=1      a ~10 s run that checks the harness works, not the numbers (CI)
 *   BENCH_PROFILE=1    also records a CPU profile of the service and says where the time goes
 *   BENCH_ONLY=a,b     run only these scenarios
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';

import scenarioFile from '../k6/scenarios.json';

import { describeRedisCalls, median, redisCommandCalls, RoundResult, runRound } from './measure';
import { RunningProcess, startBaseline, startRedis, startService } from './processes';
import { summariseProfiles } from './profile-summary';
import { BenchReport, ScenarioReport, writeReport } from './report';
import { BenchData, countFlashSaleOrders, seedBenchData } from './seed';

interface Scenario {
  description: string;
  method: 'GET' | 'POST';
  path: string;
  auth: boolean;
  okStatuses: number[];
  warmUp?: { method: 'GET' | 'POST'; path: string };
  baseline: string;
  targetRatio: number;
}

const smoke = process.env.BENCH_SMOKE === '1';
const profile = process.env.BENCH_PROFILE === '1';
const seconds = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 4);
const rounds = smoke ? 1 : Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const userCount = Number(process.env.BENCH_USERS ?? 2000);
const only = process.env.BENCH_ONLY?.split(',');
const resultsDirectory = 'bench-results';
const profileDirectory = join(resultsDirectory, 'profile');
/** Two rounds further apart than this are measured again, once. */
const DISAGREEMENT = 0.15;
const SALE_STOCK = 1_000_000;

const env: Record<string, string> = {
  NODE_ENV: 'production',
  // One API process, as the targets say; the drain is measured afterwards with one worker process.
  APP_ROLE: 'api',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/flashmart_bench',
  REDIS_URL: '', // a Redis server of the benchmark's own, so its statistics count only this run
  REDIS_KEY_PREFIX: 'fmbench:',
  JWT_SECRET: 'benchmark-secret-that-is-long-enough-42',
  ADMIN_EMAIL: 'admin@bench.local',
  ADMIN_PASSWORD: 'bench-admin-password',
  // The load generator sends from one address and far more per user than a person would; the
  // limits' Redis work still runs on every request, they just do not refuse it.
  RATE_LIMIT_PER_IP: '100000000',
  RATE_LIMIT_PER_USER: '100000',
  // Access logs are part of the service's real cost, so they stay on (written to /dev/null).
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  // No load balancer to wait for: stop at once (and write the CPU profile, if asked).
  SHUTDOWN_DRAIN_DELAY_MS: '0',
};

async function call(url: string, method: string, token?: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();

  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined, text };
}

/** A flash sale and a red packet through the admin API, so the scenarios hit published promotions. */
async function createPromotions(serviceUrl: string, data: BenchData): Promise<{ saleId: number; packetId: number }> {
  const now = Date.now();
  const sale = await call(`${serviceUrl}/v1/admin/flash-sales`, 'POST', data.adminToken, {
    productId: data.productId,
    priceCents: 990,
    stock: SALE_STOCK,
    perUserLimit: 1000,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
  });
  if (sale.status !== 201) throw new Error(`creating the bench sale failed: ${sale.text}`);
  const saleId = (sale.json as { id: number }).id;
  const published = await call(`${serviceUrl}/v1/admin/flash-sales/${saleId}/publish`, 'POST', data.adminToken);
  if (published.status !== 200) throw new Error(`publishing the bench sale failed: ${published.text}`);

  const packet = await call(`${serviceUrl}/v1/red-packets`, 'POST', data.adminToken, { totalCents: 1_000_000, shares: 10_000, expiresInSeconds: 3600 });
  if (packet.status !== 201) throw new Error(`creating the bench red packet failed: ${packet.text}`);

  return { saleId, packetId: (packet.json as { id: number }).id };
}

async function warmUp(url: string, scenario: Scenario, tokens: string[]): Promise<void> {
  if (!scenario.warmUp) return;
  const step = scenario.warmUp;
  const targets = scenario.auth ? tokens : [undefined];
  for (let i = 0; i < targets.length; i += 50) {
    await Promise.all(targets.slice(i, i + 50).map((token) => call(url + step.path, step.method, token)));
  }
}

/** The baseline's GET answers exactly what the service answered for the first user. */
async function copyPayloadToBaseline(redis: Redis, name: string, url: string, scenario: Scenario, token: string): Promise<void> {
  if (!scenario.baseline.startsWith('redis-get/')) return;
  const answer = await call(url + scenario.path, scenario.method, token);
  await redis.set(`fmbench:baseline:${name}`, answer.text);
}

interface Measured {
  service: RoundResult[];
  base: RoundResult[];
  redisCalls: string;
}

async function measure(scenario: Scenario, path: string, service: RunningProcess, baseline: RunningProcess, redis: Redis, tokens: string[]): Promise<Measured> {
  const serviceRounds: RoundResult[] = [];
  const baseRounds: RoundResult[] = [];
  let redisCalls = '';
  for (let round = 0; round < rounds; round++) {
    const common = { method: scenario.method, seconds, connections, okStatuses: scenario.okStatuses };
    baseRounds.push(await runRound({ ...common, url: `${baseline.url}/${scenario.baseline}` }));
    const before = await redisCommandCalls(redis);
    const result = await runRound({ ...common, url: service.url + path, tokens: scenario.auth ? tokens : undefined });
    redisCalls = describeRedisCalls(before, await redisCommandCalls(redis), result.requests);
    serviceRounds.push(result);
  }

  return { service: serviceRounds, base: baseRounds, redisCalls };
}

function summary(results: RoundResult[]) {
  return {
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

function roundsDisagree(results: RoundResult[]): boolean {
  const values = results.map((r) => r.requestsPerSecond);
  return values.length > 1 && (Math.max(...values) - Math.min(...values)) / Math.max(...values) > DISAGREEMENT;
}

/**
 * Starts one worker process and times how fast the accepted tickets become orders, from the first
 * order it writes (its boot is not the drain). `clientAccepted` counts the 202s autocannon saw; a
 * few more were accepted in requests still in flight when a round ended.
 */
async function measureDrain(saleId: number, clientAccepted: number, redis: Redis): Promise<string[]> {
  const sold = SALE_STOCK - Number(await redis.hget(`fmbench:fs:{${saleId}}`, 'stock'));
  const worker: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, ...env, APP_ROLE: 'worker', HTTP_PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  let orders = 0;
  let first: { at: number; orders: number } | undefined;
  try {
    while (Date.now() < deadline && orders < sold) {
      orders = await countFlashSaleOrders(env.DATABASE_URL, saleId);
      if (!first && orders > 0) first = { at: Date.now(), orders };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  const drained = first ? orders - first.orders : 0;
  const seconds = first ? (Date.now() - first.at) / 1000 : 0;
  const consistent = orders === sold && clientAccepted <= sold && sold - clientAccepted <= connections * rounds;

  return [
    `Flash-sale drain: one worker process wrote ${orders} orders; after its first batch, ${drained} in ${seconds.toFixed(1)} s (${seconds > 0 ? (drained / seconds).toFixed(0) : 'n/a'} orders/s).`,
    `Flash-sale invariants: ${sold} units taken from the Redis stock, ${orders} orders in PostgreSQL, ${clientAccepted} answers 202 seen by the load generator (the rest were in flight when a round ended): ${consistent ? 'consistent' : 'MISMATCH'}.`,
  ];
}

async function main(): Promise<void> {
  const redisServer = await startRedis();
  env.REDIS_URL = redisServer.url;
  execFileSync(process.execPath, ['dist/scripts/prepare-database.js'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const data = await seedBenchData(env.DATABASE_URL, env.JWT_SECRET, userCount);
  const redis = new Redis(env.REDIS_URL);
  const service = await startService(env, profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []);
  const baseline = await startBaseline({ REDIS_URL: env.REDIS_URL, BASELINE_USERS: String(userCount) });
  const promotions = await createPromotions(service.url, data);
  const reports: ScenarioReport[] = [];
  const notes: string[] = [];
  let accepted = 0;

  try {
    for (const [name, scenario] of Object.entries(scenarioFile.scenarios as Record<string, Scenario>)) {
      if (only && !only.includes(name)) continue;
      const path = scenario.path.replace('{saleId}', String(promotions.saleId)).replace('{packetId}', String(promotions.packetId));
      await warmUp(service.url, { ...scenario, path }, data.tokens);
      await copyPayloadToBaseline(redis, name, service.url, { ...scenario, path }, data.tokens[0]);

      let measured = await measure(scenario, path, service, baseline, redis, data.tokens);
      let disagree = roundsDisagree(measured.service) || roundsDisagree(measured.base);
      if (disagree && !smoke) {
        measured = await measure(scenario, path, service, baseline, redis, data.tokens);
        disagree = roundsDisagree(measured.service) || roundsDisagree(measured.base);
      }
      if (name === 'flash-sale-attempt') accepted += measured.service.reduce((sum, r) => sum + (r.statuses[202] ?? 0), 0);

      const serviceSummary = summary(measured.service);
      const baseSummary = summary(measured.base);
      const statuses = measured.service.map((r) => r.statuses).reduce((all, s) => ({ ...all, ...s }), {});
      reports.push({
        name,
        description: scenario.description,
        baseline: scenario.baseline,
        service: serviceSummary,
        base: baseSummary,
        ratio: serviceSummary.requestsPerSecond / baseSummary.requestsPerSecond,
        targetRatio: scenario.targetRatio,
        p99Ratio: serviceSummary.p99Ms / Math.max(baseSummary.p99Ms, 1),
        redisCalls: measured.redisCalls,
        roundsDisagree: disagree,
        stealPercent: median([...measured.service, ...measured.base].map((r) => r.stealPercent)),
      });
      if (scenario.okStatuses.length > 1) notes.push(`${name}: answers by status in the last round: ${JSON.stringify(statuses)}.`);
      console.log(`${name}: ratio ${reports[reports.length - 1].ratio.toFixed(2)} (target ${scenario.targetRatio})`);
    }
  } finally {
    await baseline.stop();
    await service.stop();
  }

  if (accepted > 0) notes.push(...(await measureDrain(promotions.saleId, accepted, redis)));
  await redis.quit();
  await redisServer.stop();

  notes.push(
    'Both servers, Redis, PostgreSQL and the load generator (autocannon, in the harness process) share the same 2 cores.',
    'The service logs every request (JSON access log to /dev/null) and checks a JWT on user routes; the baseline does neither.',
    'Redis commands per request come from Redis\'s own statistics; commands run inside a Lua script count too.',
  );
  if (profile) notes.push(...summariseProfiles(profileDirectory));
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}`,
    secondsPerRound: seconds,
    rounds,
    connections,
    scenarios: reports,
    notes,
  };
  console.log(writeReport(resultsDirectory, report));

  const failures = reports.filter((r) => r.service.errors > 0);
  const brokenInvariant = notes.some((note) => note.includes('MISMATCH'));
  if (failures.length > 0 || brokenInvariant) {
    console.error(`errors in: ${failures.map((f) => f.name).join(', ')}${brokenInvariant ? ' (flash-sale invariant broken)' : ''}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
