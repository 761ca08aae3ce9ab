import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';

import { ExportSelection } from './static-export.service';

export const STATIC_EXPORT_QUEUE = 'static-export';

/** Asks a worker to rewrite the static files after a change. */
@Injectable()
export class StaticExportQueue {
  constructor(@InjectQueue(STATIC_EXPORT_QUEUE) private readonly queue: Queue<ExportSelection>) {}

  /**
   * `changeId` names the change (its resources and their new versions), so a retried or repeated
   * announcement of the same change is one job. The export itself is idempotent.
   */
  async enqueue(selection: ExportSelection, changeId: string): Promise<void> {
    await this.queue.add('export', selection, { jobId: `export.${changeId.replaceAll(':', '-')}` });
  }
}
