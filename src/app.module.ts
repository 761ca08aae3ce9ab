import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';

import { AdminCacheModule } from './admin-cache/admin-cache.module';
import { AuthModule } from './auth/auth.module';
import { CacheModule } from './cache/cache.module';
import { CatalogModule } from './catalog/catalog.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ErrorsModule } from './errors/errors.module';
import { FrontPageModule } from './front-page/front-page.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { PromotionsModule } from './promotions/promotions.module';
import { QueueDashboardModule } from './queue/queue-dashboard.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrdersModule } from './orders/orders.module';
import { QueueModule } from './queue/queue.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { SignInModule } from './sign-in/sign-in.module';
import { UsersModule } from './users/users.module';
import { StaticExportModule } from './static-export/static-export.module';

/** Shared infrastructure first, then the domain modules that stand on it. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    MetricsModule,
    CommonModule,
    ErrorsModule,
    DatabaseModule,
    RedisModule,
    CacheModule,
    QueueModule,
    QueueDashboardModule,
    RateLimitModule,
    AuthModule,
    HealthModule,
    SignInModule,
    PromotionsModule,
    UsersModule,
    CatalogModule,
    OrdersModule,
    FrontPageModule,
    StaticExportModule,
    AdminCacheModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
