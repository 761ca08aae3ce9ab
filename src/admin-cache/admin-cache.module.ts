import { Module } from '@nestjs/common';

import { FrontPageModule } from '@app/front-page/front-page.module';
import { HotCacheModule } from '@app/hot-cache/hot-cache.module';
import { SignInModule } from '@app/sign-in/sign-in.module';
import { SignInService } from '@app/sign-in/sign-in.service';
import { StaticExportModule } from '@app/static-export/static-export.module';

import { AdminCacheController } from './admin-cache.controller';
import { CacheRefreshService } from './cache-refresh.service';
import { FrontPageAdminController } from './front-page-admin.controller';
import { HotDataChanges } from './hot-data-changes';
import { USER_CACHE_PURGERS, UserCachePurger } from './user-cache-purgers';

/** The admin side of hot data: cache refresh by scope, front-page edits, the change announcements. */
@Module({
  imports: [HotCacheModule, FrontPageModule, StaticExportModule, SignInModule],
  controllers: [AdminCacheController, FrontPageAdminController],
  providers: [
    CacheRefreshService,
    HotDataChanges,
    {
      provide: USER_CACHE_PURGERS,
      inject: [SignInService],
      useFactory: (signIns: SignInService): UserCachePurger[] => [
        { name: 'sign-in today', refresh: (userId) => signIns.refreshCachedToday(userId) },
      ],
    },
  ],
  exports: [HotDataChanges],
})
export class AdminCacheModule {}
