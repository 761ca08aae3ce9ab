import { Module } from '@nestjs/common';

import { FrontPageModule } from '@app/front-page/front-page.module';
import { OrderListCache } from '@app/orders/order-list-cache';
import { OrdersModule } from '@app/orders/orders.module';
import { HotCacheModule } from '@app/hot-cache/hot-cache.module';
import { SignInModule } from '@app/sign-in/sign-in.module';
import { SignInService } from '@app/sign-in/sign-in.service';
import { StaticExportModule } from '@app/static-export/static-export.module';
import { ProfileService } from '@app/users/profile.service';
import { UsersModule } from '@app/users/users.module';

import { AdminCacheController } from './admin-cache.controller';
import { CacheRefreshService } from './cache-refresh.service';
import { FrontPageAdminController } from './front-page-admin.controller';
import { HotDataChanges } from './hot-data-changes';
import { USER_CACHE_PURGERS, UserCachePurger } from './user-cache-purgers';

/** The admin side of hot data: cache refresh by scope, front-page edits, the change announcements. */
@Module({
  imports: [HotCacheModule, FrontPageModule, StaticExportModule, SignInModule, UsersModule, OrdersModule],
  controllers: [AdminCacheController, FrontPageAdminController],
  providers: [
    CacheRefreshService,
    HotDataChanges,
    {
      provide: USER_CACHE_PURGERS,
      inject: [SignInService, ProfileService, OrderListCache],
      useFactory: (signIns: SignInService, profiles: ProfileService, orderLists: OrderListCache): UserCachePurger[] => [
        { name: 'sign-in today', refresh: (userId) => signIns.refreshCachedToday(userId) },
        // Dropped rather than rewritten: the next read reloads them from PostgreSQL.
        { name: 'profile', refresh: (userId) => profiles.invalidate(userId).then(() => 1) },
        { name: 'order list page 1', refresh: (userId) => orderLists.invalidate(userId).then(() => 1) },
      ],
    },
  ],
  exports: [HotDataChanges],
})
export class AdminCacheModule {}
