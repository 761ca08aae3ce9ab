import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { FrontPageModule } from '@app/front-page/front-page.module';
import { HotCacheModule } from '@app/hot-cache/hot-cache.module';

import { StaticExportProcessor } from './static-export.processor';
import { STATIC_EXPORT_QUEUE, StaticExportQueue } from './static-export.queue';
import { StaticExportService } from './static-export.service';
import { StaticFileWriter } from './static-file-writer';
import { StaticFilesServer } from './static-files.server';

/** Static JSON files for a CDN: the export (command, job) and the app's own serving of the folder. */
@Module({
  imports: [HotCacheModule, FrontPageModule, BullModule.registerQueue({ name: STATIC_EXPORT_QUEUE })],
  providers: [StaticFileWriter, StaticExportService, StaticExportQueue, StaticExportProcessor, StaticFilesServer],
  exports: [StaticExportService, StaticExportQueue],
})
export class StaticExportModule {}
