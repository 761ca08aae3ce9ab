import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SignInModule } from '@app/sign-in/sign-in.module';

import { ProfileController } from './profile.controller';
import { ProfileRepository } from './profile.repository';
import { ProfileService } from './profile.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Accounts and the user center (GET/PATCH /v1/me: profile, addresses, points, level, sign-in summary). */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), SignInModule],
  controllers: [ProfileController],
  providers: [UsersRepository, UsersService, ProfileRepository, ProfileService],
  exports: [UsersService, ProfileService],
})
export class UsersModule {}
