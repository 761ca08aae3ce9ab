import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';

import { AdminCacheModule } from './admin-cache/admin-cache.module';
import { AuthModule } from './auth/auth.module';
import { CacheModule } from './cache/cache.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ErrorsModule } from './errors/errors.module';
import { FrontPageModule } from './front-page/front-page.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { SignInModule } from './sign-in/sign-in.module';
import { StaticExportModule } from './static-export/static-export.module';

/** Shared infrastructure first, then the domain modules that stand on it. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    CommonModule,
    ErrorsModule,
    DatabaseModule,
    RedisModule,
    CacheModule,
    QueueModule,
    AuthModule,
    HealthModule,
    MetricsModule,
    SignInModule,
    FrontPageModule,
    StaticExportModule,
    AdminCacheModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
