import { Module } from '@nestjs/common';

import { MetricsController } from './metrics.controller';

/** GET /metrics. Modules define their metrics on prom-client's default registry in their own files. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
