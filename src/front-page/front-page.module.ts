import { Module } from '@nestjs/common';

import { HotCacheModule } from '@app/hot-cache/hot-cache.module';
import { FlashSaleFrontPageSource } from '@app/promotions/flash-sales/flash-sale-front-page.source';
import { FlashSalesModule } from '@app/promotions/flash-sales/flash-sales.module';

import { ActiveSalesSource } from './active-sales.source';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository';
import { FrontPageContentRepository } from './front-page-content.repository';
import { FrontPageContentService } from './front-page-content.service';
import { FrontPageResources } from './front-page-resources';
import { FrontPageController } from './front-page.controller';
import { FrontPageService } from './front-page.service';

/** The front page and the other client-cached resources, read through the hot cache. */
@Module({
  imports: [HotCacheModule, FlashSalesModule],
  controllers: [FrontPageController],
  providers: [
    CatalogSnapshotRepository,
    FrontPageContentRepository,
    FrontPageContentService,
    FrontPageResources,
    FrontPageService,
    { provide: ActiveSalesSource, useExisting: FlashSaleFrontPageSource },
  ],
  exports: [FrontPageResources, FrontPageService, FrontPageContentService],
})
export class FrontPageModule {}
