import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { AppConfig } from '@app/config/app-config';
import { RoleAwareWorkerHost } from '@app/queue/role-aware-worker-host';

import { STATIC_EXPORT_QUEUE } from './static-export.queue';
import { ExportOutcome, ExportSelection, StaticExportService } from './static-export.service';

/** Runs the export jobs, in processes whose APP_ROLE includes the worker; one at a time. */
@Processor(STATIC_EXPORT_QUEUE, { autorun: false })
export class StaticExportProcessor extends RoleAwareWorkerHost {
  constructor(
    private readonly exporter: StaticExportService,
    config: AppConfig,
  ) {
    super(config, 1);
  }

  override prepareToRun(): void {
    super.prepareToRun();
    this.worker.on('failed', (job, error: Error) => this.logger.warn(`static export job ${job?.id} failed: ${error.message}`));
  }

  process(job: Job<ExportSelection>): Promise<ExportOutcome> {
    return this.exporter.export(job.data);
  }
}
