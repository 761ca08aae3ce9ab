import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';

import { AppError } from '@app/errors/app-error';
import { UserRole } from '@app/users/user.entity';

import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators';

interface AccessTokenClaims {
  sub: string;
  role: UserRole;
}

/** Global guard: verifies the bearer token (no database round trip) and the route's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = this.verify(request.headers.authorization);
    request.user = { id: Number(claims.sub), role: claims.role };

    const requiredRole = this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE, targets);
    if (requiredRole && claims.role !== requiredRole) {
      throw AppError.forbidden(`This endpoint requires the ${requiredRole} role`);
    }

    return true;
  }

  private verify(header: string | undefined): AccessTokenClaims {
    const [scheme, token] = header?.split(' ') ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw AppError.unauthenticated('A bearer access token is required');
    }
    try {
      return this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      throw AppError.unauthenticated('The access token is invalid or expired');
    }
  }
}
