import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AppConfig } from '@app/config/app-config';

import { ReadReplica } from './read-replica';
import { typeormOptions } from './typeorm-options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...typeormOptions(config),
        autoLoadEntities: true,
        // At boot PostgreSQL must answer within a few seconds; once running, the pool reconnects on demand.
        retryAttempts: 5,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [ReadReplica],
  exports: [ReadReplica],
})
export class DatabaseModule {}
