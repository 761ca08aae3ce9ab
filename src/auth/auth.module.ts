import { createSecretKey } from 'node:crypto';

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';

import { AppConfig } from '@app/config/app-config';
import { UsersModule } from '@app/users/users.module';

import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // public key on every verify, which cost a fifth of the CPU of a cached read.
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret.reveal()));

        return {
          secretOrKeyProvider: () => key,
          signOptions: { expiresIn: config.auth.tokenTtlSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, JwtModule],
})
export class AuthModule {}
