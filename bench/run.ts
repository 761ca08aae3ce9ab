/**
 * `npm run bench`: the service's hot paths side by side with a bare Fastify server doing the same
 * Redis work, on this machine, in one run. Prints and writes bench-results/report.md (+ chart.svg,
 * results.json). Ratios, not absolute times, are what the targets in k6/scenarios.json judge.
 *
 *   BENCH_SECONDS (8)  BENCH_ROUNDS (2)  BENCH_CONNECTIONS (50)  BENCH_USERS (1000)
 *   BENCH_SMOKE=1      a ~10 s run that checks the harness works, not the numbers (CI)
 *   BENCH_PROFILE=1    also records a CPU profile of the service and says where the time goes
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';

import Redis from 'ioredis';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';

import scenarioFile from '../k6/scenarios.json';

import { describeRedisCalls, median, redisCommandCalls, runRound, RoundResult } from './measure';
import { startBaseline, startRedis, startService } from './processes';
import { summariseProfiles } from './profile-summary';
import { BenchReport, ScenarioReport, writeReport } from './report';

interface Scenario {
  description: string;
  method: 'GET' | 'POST';
  path: string;
  auth: boolean;
  warmUp?: { method: 'GET' | 'POST'; path: string };
  baseline: string;
  targetRatio: number;
}

const smoke = process.env.BENCH_SMOKE === '1';
const profile = process.env.BENCH_PROFILE === '1';
const seconds = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 8);
const rounds = smoke ? 1 : Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const userCount = smoke ? 100 : Number(process.env.BENCH_USERS ?? 1000);
const resultsDirectory = 'bench-results';
const profileDirectory = join(resultsDirectory, 'profile');
/** Two rounds further apart than this are measured again, once. */
const DISAGREEMENT = 0.15;

const env: Record<string, string> = {
  NODE_ENV: 'production',
  APP_ROLE: 'both',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/flashmart_bench',
  // Set to a Redis server of the benchmark's own, so its command statistics count only this run.
  REDIS_URL: '',
  REDIS_KEY_PREFIX: 'fmbench:',
  JWT_SECRET: 'benchmark-secret-that-is-long-enough-42',
  ADMIN_EMAIL: 'admin@bench.local',
  ADMIN_PASSWORD: 'bench-admin-password',
  // Access logs are part of the service's real cost, so they stay on (written to /dev/null).
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
};

async function seedUsers(): Promise<string[]> {
  execFileSync(process.execPath, ['dist/scripts/prepare-database.js'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  await db.query('TRUNCATE users RESTART IDENTITY CASCADE');
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (email, password_hash, role, display_name)
     SELECT 'bench' || n || '@bench.local', 'unusable', 'user', 'Bench ' || n FROM generate_series(1, $1::int) n
     RETURNING id`,
    [userCount],
  );
  await db.end();

  return rows.rows.map((row) => sign({ sub: String(row.id), role: 'user' }, env.JWT_SECRET, { expiresIn: 3600 }));
}

async function warmUp(url: string, scenario: Scenario, tokens: string[]): Promise<void> {
  const step = scenario.warmUp ?? { method: scenario.method, path: scenario.path };
  for (let i = 0; i < tokens.length; i += 50) {
    await Promise.all(
      tokens.slice(i, i + 50).map((token) =>
        fetch(url + step.path, { method: step.method, headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer()),
      ),
    );
  }
}

async function main(): Promise<void> {
  const redisServer = await startRedis();
  env.REDIS_URL = redisServer.url;
  const tokens = await seedUsers();
  const redis = new Redis(env.REDIS_URL);
  const service = await startService(env, profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []);
  const baseline = await startBaseline({ REDIS_URL: env.REDIS_URL, BASELINE_KEY: 'fmbench:baseline' });
  const reports: ScenarioReport[] = [];

  try {
    for (const [name, scenario] of Object.entries(scenarioFile.scenarios as Record<string, Scenario>)) {
      const scenarioTokens = scenario.auth ? tokens : undefined;
      if (scenario.auth) await warmUp(service.url, scenario, tokens);

      const measure = async (): Promise<{ service: RoundResult[]; base: RoundResult[]; redisCalls: string }> => {
        const serviceRounds: RoundResult[] = [];
        const baseRounds: RoundResult[] = [];
        let redisCalls = '';
        for (let round = 0; round < rounds; round++) {
          baseRounds.push(await runRound({ url: `${baseline.url}/${scenario.baseline}`, method: scenario.method, seconds, connections }));
          const before = await redisCommandCalls(redis);
          const result = await runRound({ url: service.url + scenario.path, method: scenario.method, seconds, connections, tokens: scenarioTokens });
          redisCalls = describeRedisCalls(before, await redisCommandCalls(redis), result.requests);
          serviceRounds.push(result);
        }
        return { service: serviceRounds, base: baseRounds, redisCalls };
      };

      let measured = await measure();
      let disagree = roundsDisagree(measured.service) || roundsDisagree(measured.base);
      if (disagree && !smoke) {
        measured = await measure();
        disagree = roundsDisagree(measured.service) || roundsDisagree(measured.base);
      }

      const summary = (results: RoundResult[]) => ({
        requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
        p50Ms: median(results.map((r) => r.p50Ms)),
        p99Ms: median(results.map((r) => r.p99Ms)),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
      });
      const serviceSummary = summary(measured.service);
      const baseSummary = summary(measured.base);
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
      console.log(`${name}: ratio ${reports[reports.length - 1].ratio.toFixed(2)} (target ${scenario.targetRatio})`);
    }
  } finally {
    await baseline.stop();
    await service.stop();
    await redis.quit();
    await redisServer.stop();
  }

  const notes = [
    'Both servers, Redis, PostgreSQL and the load generator (autocannon, in the harness process) share the same 2 cores.',
    'The service logs every request (JSON access log to /dev/null); the baseline logs nothing.',
  ];
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
  if (failures.length > 0) {
    console.error(`errors in: ${failures.map((f) => f.name).join(', ')}`);
    process.exitCode = 1;
  }
}

function roundsDisagree(results: RoundResult[]): boolean {
  const values = results.map((r) => r.requestsPerSecond);
  return values.length > 1 && (Math.max(...values) - Math.min(...values)) / Math.max(...values) > DISAGREEMENT;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
