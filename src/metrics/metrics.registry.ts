import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/**
 * The app's Prometheus registry. One per app instance rather than prom-client's global default,
 * so two instances in one process (the e2e tests boot several) keep separate counts.
 * Modules declare their metrics here; GET /metrics exposes them all.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  /** The counter of that name, created on first use, so providers may declare it independently. */
  counter<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []): Counter<Label> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<Label>;

    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
