import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SignInCache } from './sign-in-cache';
import { SignInController } from './sign-in.controller';
import { SignInEntity } from './sign-in.entity';
import { SignInRepository } from './sign-in.repository';
import { SignInService } from './sign-in.service';

/** Daily sign-in (check-in): cache-first reads, one sign-in per user per business day. */
@Module({
  imports: [TypeOrmModule.forFeature([SignInEntity])],
  controllers: [SignInController],
  providers: [SignInService, SignInRepository, SignInCache],
  exports: [SignInService],
})
export class SignInModule {}
