import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';

import { withTimeout } from './redis.health';

/**
 * Queue depth per queue in the readiness details (waiting, active, delayed, failed), so operators
 * and autoscalers see a backlog building. A backlog does not make the instance unready; failing
 * to read the counts does.
 */
export class QueueDepthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly queues: Queue[],
  ) {}

  async depth(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const counts = await withTimeout(
        Promise.all(this.queues.map(async (queue) => [queue.name, await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const)),
        timeoutMs,
      );

      return indicator.up(Object.fromEntries(counts));
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
