import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';

import { AppConfig } from '@app/config/app-config';

import { STATIC_EXPORT_QUEUE } from './static-export.queue';
import { ExportOutcome, ExportSelection, StaticExportService } from './static-export.service';

/** Runs the export jobs, in processes whose APP_ROLE includes the worker; one at a time. */
@Processor(STATIC_EXPORT_QUEUE, { autorun: false, concurrency: 1 })
export class StaticExportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaticExportProcessor.name);

  constructor(
    private readonly exporter: StaticExportService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    // Without a listener an 'error' event (Redis lost mid-job) would be thrown out of the process.
    this.worker.on('error', (error: Error) => this.logger.warn(`static export worker: ${error.message}`));
    this.worker.on('failed', (job, error: Error) => this.logger.warn(`static export job ${job?.id} failed: ${error.message}`));
    this.worker.run().catch((error: Error) => this.logger.error(`static export worker stopped: ${error.message}`));
  }

  process(job: Job<ExportSelection>): Promise<ExportOutcome> {
    return this.exporter.export(job.data);
  }
}
