import { Module } from '@nestjs/common';

import { HotCacheModule } from '@app/hot-cache/hot-cache.module';

import { ActiveSalesSource, NoActiveSales } from './active-sales.source';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository';
import { FrontPageContentRepository } from './front-page-content.repository';
import { FrontPageContentService } from './front-page-content.service';
import { FrontPageResources } from './front-page-resources';
import { FrontPageController } from './front-page.controller';
import { FrontPageService } from './front-page.service';

/** The front page and the other client-cached resources, read through the hot cache. */
@Module({
  imports: [HotCacheModule],
  controllers: [FrontPageController],
  providers: [
    CatalogSnapshotRepository,
    FrontPageContentRepository,
    FrontPageContentService,
    FrontPageResources,
    FrontPageService,
    // TODO(merge with issue 4): useExisting the promotions module's source instead.
    { provide: ActiveSalesSource, useClass: NoActiveSales },
  ],
  exports: [FrontPageResources, FrontPageService, FrontPageContentService],
})
export class FrontPageModule {}
