import { Logger } from '@nestjs/common';
import { Counter } from 'prom-client';

import { MetricsRegistry } from '@app/metrics/metrics.registry';

export type ReadOutcome = 'hit' | 'absent_hit' | 'miss';

/** One warning per interval while Redis is failing, with the number of failures in between. */
const WARN_INTERVAL_MS = 5000;

/**
 * Counters of the cache layer, and the log line for a Redis outage. While Redis is down every
 * read falls through to PostgreSQL: the failures are counted, and logged at most every few seconds
 * rather than once per request.
 */
export class CacheMetrics {
  private readonly logger = new Logger('Cache');
  private readonly reads: Counter<'cache' | 'outcome'>;
  private readonly loads: Counter<'cache'>;
  private readonly redisErrors: Counter<'operation'>;
  private lastWarningAt = 0;
  private failuresSinceWarning = 0;

  constructor(metrics: MetricsRegistry) {
    this.reads = metrics.counter('cache_reads_total', 'Cache-first reads by cache and outcome', ['cache', 'outcome']);
    this.loads = metrics.counter('cache_loads_total', 'Loads from the database after a cache miss', ['cache']);
    this.redisErrors = metrics.counter(
      'cache_redis_errors_total',
      'Cache operations that failed because Redis did not answer; the read fell through to the database',
      ['operation'],
    );
  }

  read(cache: string, outcome: ReadOutcome): void {
    this.reads.inc({ cache, outcome });
  }

  loaded(cache: string): void {
    this.loads.inc({ cache });
  }

  redisFailed(operation: string, error: unknown): void {
    this.redisErrors.inc({ operation });
    this.failuresSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarningAt < WARN_INTERVAL_MS) return;

    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `Redis unavailable, cache-first reads fall through to PostgreSQL (${this.failuresSinceWarning} failures): ${message}`,
    );
    this.lastWarningAt = now;
    this.failuresSinceWarning = 0;
  }
}
